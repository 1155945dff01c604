"""The writing help on sentences staff really write, in English and Spanish."""

import csv
from pathlib import Path

import pytest

from patroncare.incidents.writing_help import SUGGESTIONS, check, parse_keys

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


SENTENCES = Path(__file__).parent / "data" / "writing_help_sentences.csv"


def _labelled_set() -> list[dict]:
    with SENTENCES.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_labelled_set_is_large_and_balanced():
    rows = _labelled_set()
    assert len(rows) >= 200
    for language in ("en", "es"):
        labelled = [row for row in rows if row["language"] == language and row["label"]]
        ordinary = [row for row in rows if row["language"] == language and not row["label"]]
        assert len(labelled) >= 50 and len(ordinary) >= 50
    assert {row["label"] for row in rows} == {"", *SUGGESTIONS}


def test_labels_are_caught_and_ordinary_sentences_are_left_alone():
    rows = _labelled_set()
    labelled = [row for row in rows if row["label"]]
    ordinary = [row for row in rows if not row["label"]]
    missed = [
        row["sentence"]
        for row in labelled
        if row["label"] not in {f.category for f in check(row["sentence"])}
    ]
    alarms = [row["sentence"] for row in ordinary if check(row["sentence"])]
    caught = 1 - len(missed) / len(labelled)
    false_alarms = len(alarms) / len(ordinary)
    print(
        f"writing help: {caught:.1%} of {len(labelled)} labels caught, "
        f"{false_alarms:.1%} of {len(ordinary)} ordinary sentences flagged"
    )
    assert caught >= 0.95, missed
    assert false_alarms <= 0.05, alarms
