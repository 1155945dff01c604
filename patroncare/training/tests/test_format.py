"""The plain-text format: parser, validator (on broken files), exporter and the round trip."""

import pytest

from patroncare.training.scenario_format import ScenarioFormatError, export, parse, parse_valid, validate
from patroncare.training.services import starter_files

from .factories import SMALL


def _problems(text: str) -> list[str]:
    return validate(parse(text))


def test_the_small_scenario_is_valid():
    assert _problems(SMALL) == []


def test_export_of_a_parsed_file_is_the_same_text():
    assert export(parse(SMALL)) == SMALL


def test_round_trip_keeps_quotes_newlines_and_accents():
    doc = parse(SMALL)
    doc.step("open").says = 'She says: "¿Dónde está?"\nThen waits.\t\\ done'
    text = export(doc)
    assert parse(text).step("open").says == 'She says: "¿Dónde está?"\nThen waits.\t\\ done'
    assert export(parse(text)) == text


def test_not_toml_is_refused_with_the_reason():
    with pytest.raises(ScenarioFormatError) as error:
        parse("this is [not toml")
    assert error.value.problems[0].startswith("The file is not valid TOML")


def test_a_missing_format_line_is_named():
    with pytest.raises(ScenarioFormatError) as error:
        parse(SMALL.replace('format = "patroncare-scenario/1"\n', ""))
    assert error.value.problems == ['The first line must be: format = "patroncare-scenario/1"']


def test_an_unreachable_step_is_named():
    text = SMALL + '\n[[step]]\nid = "orphan"\nending = "mixed"\nsays = "Nobody gets here."\n'
    assert _problems(text) == ["Step “orphan” cannot be reached from the start."]


def test_a_choice_leading_to_a_missing_step_is_named():
    text = SMALL.replace('next = "good"', 'next = "nowhere"')
    assert _problems(text) == ["Step “middle”, choice 1 leads nowhere: there is no step “nowhere”."]


def test_a_choice_without_next_is_named():
    text = SMALL.replace('next = "good"\n', "")
    assert _problems(text) == ["Step “middle”, choice 1 leads nowhere: “next” is missing."]


def test_a_choice_without_feedback_is_named():
    text = SMALL.replace('feedback = "Assist: you helped."\n', "")
    assert _problems(text) == ["Step “middle”, choice 1 has no feedback."]


def test_a_cycle_without_an_exit_is_a_path_without_an_end():
    text = (
        SMALL.replace('next = "good"', 'next = "loop"')
        + '\n[[step]]\nid = "loop"\nsays = "Round and round."\n'
        '\n[[step.choice]]\ntext = "Again."\nnext = "loop2"\nskill = "listen"\nscore = 1\nfeedback = "F."\n'
        '\n[[step.choice]]\ntext = "Again too."\nnext = "loop2"\nskill = "listen"\nscore = 1\n'
        'feedback = "F."\n'
        '\n[[step]]\nid = "loop2"\nsays = "And back."\n'
        '\n[[step.choice]]\ntext = "Back."\nnext = "loop"\nskill = "listen"\nscore = 1\nfeedback = "F."\n'
        '\n[[step.choice]]\ntext = "Back too."\nnext = "loop"\nskill = "listen"\nscore = 1\nfeedback = "F."\n'
    )
    assert _problems(text) == [
        "Step “good” cannot be reached from the start.",
        "Step “loop” is on a path without an end: no choice from it ever reaches an ending.",
        "Step “loop2” is on a path without an end: no choice from it ever reaches an ending.",
    ]


def test_a_cycle_with_an_exit_is_allowed():
    # "middle" can go back to "open": a loop, but every step can still reach an ending.
    assert 'next = "open"' in SMALL
    assert _problems(SMALL) == []


def test_an_unknown_skill_a_bad_score_and_a_single_choice_are_named():
    text = SMALL.replace('skill = "assist"\nscore = 2', 'skill = "charm"\nscore = 5')
    problems = _problems(text)
    assert "Step “middle”, choice 1: the score must be 0, 1 or 2." in problems
    assert any(p.startswith("Step “middle”, choice 1: the skill must be one of: believe,") for p in problems)


def test_a_step_with_one_choice_is_refused():
    start = SMALL.index('[[step.choice]]\ntext = "Ignore them."')
    end = SMALL.index('[[step]]\nid = "middle"')
    assert _problems(SMALL[:start] + SMALL[end:]) == ["Step “open” has 1 choices; a step needs two to four."]


def test_a_scenario_needs_two_endings():
    text = SMALL.replace('ending = "poor"', "").replace(
        'says = "They leave upset."',
        'says = "They leave upset."\n\n[[step.choice]]\ntext = "x"\nnext = "good"\n'
        'skill = "listen"\nscore = 0\nfeedback = "F."\n\n[[step.choice]]\ntext = "y"\nnext = "good"\n'
        'skill = "listen"\nscore = 0\nfeedback = "F."',
    )
    assert _problems(text) == ["A scenario needs at least two endings (steps with “ending”)."]


@pytest.mark.parametrize("path", starter_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_starter_scenario_is_valid_canonical_and_big_enough(path):
    text = path.read_text(encoding="utf-8")
    doc = parse_valid(text)
    assert export(doc) == text
    assert path.stem == doc.slug and path.parent.name == doc.language
    assert len(doc.steps) >= 8
    assert len(doc.endings) >= 2
    assert all(choice.feedback for step in doc.steps for choice in step.choices)


def test_the_starter_library_has_twelve_english_and_four_spanish_scenarios():
    assert len(starter_files("en")) >= 12
    assert len(starter_files("es")) >= 4
