"""The writing help on sentences staff really write, in English and Spanish."""

import pytest

from patroncare.incidents.writing_help import check, parse_keys

CASES = [
    ("A homeless guy was sleeping in the reading room.", [("housing", "homeless")]),
    ("The patron seemed schizophrenic and was yelling at the wall.", [("diagnosis", "schizophrenic")]),
    ("Some junkie left needles in the restroom.", [("addiction", "junkie")]),
    (
        "He was being super rude and aggressive to Tom at the desk.",
        [("character", "rude"), ("character", "aggressive")],
    ),
    ("A dirty, smelly man was using computer 4.", [("appearance", "dirty"), ("appearance", "smelly")]),
    ("She is a drunk and a troublemaker.", [("addiction", "a drunk"), ("character", "troublemaker")]),
    ("Un indigente estaba durmiendo en la sala infantil.", [("housing", "indigente")]),
    ("La señora estaba loca y gritaba a todos.", [("diagnosis", "loca")]),
    ("El borracho de siempre volvió a entrar.", [("addiction", "borracho")]),
    (
        "Un hombre muy grosero y agresivo insultó a la bibliotecaria.",
        [("character", "grosero"), ("character", "agresivo")],
    ),
    (
        "Había un tipo sucio y sospechoso cerca de la entrada.",
        [("appearance", "sucio"), ("appearance", "sospechoso")],
    ),
    ("Vino una persona sin hogar a pedir ayuda.", [("housing", "sin hogar")]),
]

CLEAN = [
    "He said 'get off my computer or I'll make you' and slammed the keyboard twice.",
    "Smelled of alcohol, slurred speech, unsteady on his feet; asked to leave at 3:10 pm and did.",
    "Talked loudly to no one visible for ten minutes; other patrons moved tables.",
    "Dijo en voz alta 'ustedes no sirven para nada' y golpeó el mostrador dos veces.",
    "Se durmió en la mesa de estudio de 2 a 4 de la tarde; le pedimos que se despertara.",
    "The child's grandmother collected her at 5 pm; the loud group left the lobby when asked.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_labels_and_judgements_are_flagged(sentence, expected):
    assert [(flag.category, flag.term.lower()) for flag in check(sentence)] == expected


@pytest.mark.parametrize("sentence", CLEAN)
def test_behavioural_wording_is_not_flagged(sentence):
    assert check(sentence) == []


def test_each_flag_carries_a_behavioural_suggestion():
    flag = check("A homeless guy was sleeping.")[0]
    assert flag.suggestion.startswith("Housing is not a behaviour.")
    assert (flag.start, flag.end) == (2, 10)


def test_posted_keys_accept_only_known_categories():
    assert parse_keys(["housing|homeless", "bogus|x", "character|", "character|rude"]) == {
        ("housing", "homeless"),
        ("character", "rude"),
    }
