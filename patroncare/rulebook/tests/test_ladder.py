"""The ladder, row by row: every class, offence number, look-back edge, minors, and the default table."""

from datetime import date, timedelta

import pytest

from patroncare.rulebook.defaults import DEFAULT_CLASSES, DEFAULT_LADDER, GRAVE, MINOR, SERIOUS, SEVERE
from patroncare.rulebook.ladder import EarlierViolation, recommend, step_values
from patroncare.rulebook.models import BehaviourClass, Counting, LadderStep, Outcome

ON = date(2026, 3, 15)

# Unsaved classes with fixed keys: the ladder is a pure function over rows and dates.
CLASSES = {
    rank: BehaviourClass(pk=rank, rank=rank, name=name, name_es=name_es, in_sentence=word, in_sentence_es=es)
    for rank, name, name_es, word, es in DEFAULT_CLASSES
}


def default_steps():
    return [LadderStep(**step_values(row, CLASSES)) for row in DEFAULT_LADDER]


def days_ago(*numbers):
    return [ON - timedelta(days=n) for n in numbers]


def earlier_of(rank, *numbers):
    return [EarlierViolation(on=day, rank=rank) for day in days_ago(*numbers)]


def run(rank, earlier=(), *, steps=None, minor=False, classes=CLASSES):
    return recommend(
        steps=default_steps() if steps is None else steps,
        behaviour_class=classes[rank],
        on=ON,
        earlier=list(earlier),
        is_minor=minor,
    )


# (class rank, earlier violations of that class as days before ON, minor)
#   -> (outcome, min days, max days, explanation)
CASES = [
    # Tier 1, minor: 365-day window
    (
        MINOR,
        [],
        False,
        Outcome.WARNING,
        None,
        None,
        "First minor violation in 12 months: correct the behaviour or leave for the day",
    ),
    (
        MINOR,
        [10],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    (MINOR, [10, 200], False, Outcome.SUSPENSION, 7, 7, "Third minor violation in 12 months: 7 days"),
    (
        MINOR,
        [10, 200, 300, 364],
        False,
        Outcome.SUSPENSION,
        7,
        7,
        "Fifth minor violation in 12 months: 7 days",
    ),
    (
        MINOR,
        [365],
        False,
        Outcome.WARNING,
        None,
        None,  # exactly a year ago: outside the window
        "First minor violation in 12 months: correct the behaviour or leave for the day",
    ),
    (
        MINOR,
        [364],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # one day inside the window
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    (
        MINOR,
        [0],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # earlier the same day counts
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    # Tier 2, serious
    (
        SERIOUS,
        [],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "First serious violation in 12 months: leave for the rest of the day",
    ),
    (SERIOUS, [40], False, Outcome.SUSPENSION, 30, 30, "Second serious violation in 12 months: 1 month"),
    (
        SERIOUS,
        [40, 100],
        False,
        Outcome.SUSPENSION,
        90,
        90,
        "Third serious violation in 12 months: 3 months",
    ),
    (
        SERIOUS,
        [40, 400],
        False,
        Outcome.SUSPENSION,
        30,
        30,
        "Second serious violation in 12 months: 1 month",
    ),
    # Tier 3, severe: 730-day window, ranges
    (
        SEVERE,
        [],
        False,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
    (
        SEVERE,
        [729],
        False,
        Outcome.SUSPENSION,
        180,
        365,
        "Second severe violation in 2 years: 6 months to 1 year",
    ),
    (
        SEVERE,
        [730],
        False,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
    (
        SEVERE,
        [100, 500],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Third severe violation in 2 years: permanent, may ask to lift after 2 years",
    ),
    # Tier 4, grave: 1825-day window
    (
        GRAVE,
        [],
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in 5 years: immediate suspension pending review",
    ),
    (
        GRAVE,
        [1824],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Second most serious violation in 5 years: permanent, may ask to lift after 3 years",
    ),
    (
        GRAVE,
        [1825],
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in 5 years: immediate suspension pending review",
    ),
    # Minors have their own rows for classes 1 and 2 (180-day window for class 1)
    (
        MINOR,
        [10],
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in 6 months: warning (rules for minors; a parent or guardian is told)",
    ),
    (
        MINOR,
        [10, 20],
        True,
        Outcome.LEAVE_DAY,
        None,
        None,
        "Third minor violation in 6 months: leave for the rest of the day (rules for minors; a parent or "
        "guardian is "
        "told)",
    ),
    (
        MINOR,
        [10, 180],
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in 6 months: warning (rules for minors; a parent or guardian is told)",
    ),
    (
        SERIOUS,
        [5],
        True,
        Outcome.SUSPENSION,
        7,
        14,
        "Second serious violation in 12 months: 7 days to 14 days (rules for minors; a parent or guardian "
        "is told)",
    ),
    # ... and the adult rows where the library has none for minors
    (
        SEVERE,
        [],
        True,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
]


@pytest.mark.parametrize(("rank", "earlier", "minor", "outcome", "low", "high", "explanation"), CASES)
def test_default_ladder_row_by_row(rank, earlier, minor, outcome, low, high, explanation):
    result = run(rank, earlier_of(rank, *earlier), minor=minor)
    assert (result.outcome, result.min_days, result.max_days) == (outcome, low, high)
    assert result.explanation == explanation


def test_later_violations_do_not_count_as_history():
    result = run(SERIOUS, [EarlierViolation(on=ON + timedelta(days=3), rank=SERIOUS)])
    assert result.offence_number == 1


def test_rows_with_their_own_windows_take_the_most_severe_that_applies():
    # A library table: 2nd offence in 90 days -> 30 days; 3rd offence in 3 years -> one year.
    steps = [
        LadderStep(
            behaviour_class=CLASSES[SERIOUS],
            offence_from=1,
            offence_to=1,
            lookback_days=90,
            outcome=Outcome.WARNING,
        ),
        LadderStep(
            behaviour_class=CLASSES[SERIOUS],
            offence_from=2,
            offence_to=None,
            lookback_days=90,
            outcome=Outcome.SUSPENSION,
            min_days=30,
            max_days=30,
        ),
        LadderStep(
            behaviour_class=CLASSES[SERIOUS],
            offence_from=3,
            offence_to=None,
            lookback_days=1095,
            outcome=Outcome.SUSPENSION,
            min_days=365,
            max_days=365,
        ),
    ]
    result = run(SERIOUS, earlier_of(SERIOUS, 30, 700), steps=steps)
    assert (result.outcome, result.min_days) == (Outcome.SUSPENSION, 365)
    assert result.explanation == "Third serious violation in 3 years: 1 year"


def test_no_row_for_the_class_gives_no_recommendation():
    assert run(SERIOUS, steps=[]) is None


@pytest.mark.parametrize(
    ("outcome", "days", "allowed"),
    [
        (Outcome.SUSPENSION, 30, True),
        (Outcome.SUSPENSION, 90, True),
        (Outcome.SUSPENSION, 29, False),
        (Outcome.SUSPENSION, 91, False),
        (Outcome.PERMANENT, None, False),
        (Outcome.LEAVE_DAY, 1, False),
    ],
)
def test_a_choice_outside_the_recommended_range_is_a_deviation(outcome, days, allowed):
    result = run(SEVERE)
    assert result.allows(outcome=outcome, days=days) is allowed


def test_explanation_is_in_spanish_when_the_language_is_spanish():
    from django.utils import translation

    with translation.override("es"):
        result = run(SERIOUS, earlier_of(SERIOUS, 40))
    assert result.explanation == "Segunda infracción grave en 12 meses: 1 mes"


# How far back a row looks, and at what: a row may count only its own class (the default), its class and
# more serious ones, or every earlier violation.
def _two_class_steps(counts):
    return [
        LadderStep(
            behaviour_class=CLASSES[SEVERE],
            offence_from=1,
            offence_to=1,
            lookback_days=365,
            counts=counts,
            outcome=Outcome.SUSPENSION,
            min_days=30,
            max_days=30,
        ),
        LadderStep(
            behaviour_class=CLASSES[SEVERE],
            offence_from=2,
            offence_to=None,
            lookback_days=365,
            counts=counts,
            outcome=Outcome.SUSPENSION,
            min_days=180,
            max_days=180,
        ),
    ]


MIXED_HISTORY = earlier_of(MINOR, 20) + earlier_of(GRAVE, 100)

COUNTING_CASES = [
    (Counting.SAME_CLASS, [], 1, "First severe violation in 12 months: 1 month"),
    (Counting.SAME_CLASS, MIXED_HISTORY, 1, "First severe violation in 12 months: 1 month"),
    (
        Counting.SAME_OR_MORE_SERIOUS,
        MIXED_HISTORY,
        2,
        "Second violation of severe or more serious in 12 months: 6 months",
    ),
    (
        Counting.SAME_OR_MORE_SERIOUS,
        earlier_of(MINOR, 20, 30),
        1,
        "First violation of severe or more serious in 12 months: 1 month",
    ),
    (Counting.ANY_CLASS, MIXED_HISTORY, 3, "Third violation of any class in 12 months: 6 months"),
    (Counting.ANY_CLASS, earlier_of(MINOR, 365), 1, "First violation of any class in 12 months: 1 month"),
]


@pytest.mark.parametrize(("counts", "earlier", "number", "explanation"), COUNTING_CASES)
def test_what_a_row_counts(counts, earlier, number, explanation):
    result = run(SEVERE, earlier, steps=_two_class_steps(counts))
    assert (result.offence_number, result.explanation) == (number, explanation)


# A published table with five classes, A to E, as the demo's second library system enters it.
def lakeshore():
    from patroncare.conduct.demo import LAKESHORE_CLASSES, LAKESHORE_LADDER

    classes = {
        rank: BehaviourClass(pk=100 + rank, rank=rank, name=name, name_es=name_es)
        for rank, name, name_es in LAKESHORE_CLASSES
    }
    steps = [LadderStep(**step_values(row, classes)) for row in LAKESHORE_LADDER]
    return classes, steps


A, B, C, D, E = 1, 2, 3, 4, 5

# (class, earlier violations as (class, days before), minor) -> (outcome, min, max, explanation)
LAKESHORE_CASES = [
    (
        A,
        [],
        False,
        "warning",
        None,
        None,
        "First Class A violation in 6 months: correct the behaviour or leave for the day",
    ),
    (
        A,
        [(A, 179)],
        False,
        "leave_day",
        None,
        None,
        "Second Class A violation in 6 months: leave for the rest of the day",
    ),
    (
        A,
        [(A, 180)],
        False,
        "warning",
        None,
        None,
        "First Class A violation in 6 months: correct the behaviour or leave for the day",
    ),
    (
        A,
        [(A, 10), (A, 20), (B, 5)],
        False,
        "suspension",
        3,
        7,
        "Third Class A violation in 6 months: 3 to 7 days",
    ),
    (
        B,
        [(A, 10)],
        False,
        "leave_day",
        None,
        None,
        "First Class B violation in 12 months: leave for the rest of the day",
    ),
    (B, [(B, 364)], False, "suspension", 14, 14, "Second Class B violation in 12 months: 14 days"),
    (
        B,
        [(B, 10), (B, 20)],
        False,
        "suspension",
        30,
        60,
        "Third Class B violation in 12 months: 30 to 60 days",
    ),
    (C, [], False, "suspension", 30, 30, "First Class C violation in 12 months: 1 month"),
    (
        C,
        [(E, 200)],
        False,
        "suspension",
        180,
        365,
        "Second violation of Class C or more serious in 12 months: 6 to 12 months",
    ),
    (C, [(B, 200)], False, "suspension", 30, 30, "First Class C violation in 12 months: 1 month"),
    (
        D,
        [],
        False,
        "suspension",
        180,
        365,
        "First violation of Class D or more serious in 3 years: 6 to 12 months",
    ),
    (
        D,
        [(C, 1094)],
        False,
        "suspension",
        180,
        365,
        "First violation of Class D or more serious in 3 years: 6 to 12 months",
    ),
    (
        D,
        [(D, 1094)],
        False,
        "permanent",
        None,
        None,
        "Second violation of Class D or more serious in 3 years: permanent, may ask to lift after 2 years",
    ),
    (
        D,
        [(D, 1095)],
        False,
        "suspension",
        180,
        365,
        "First violation of Class D or more serious in 3 years: 6 to 12 months",
    ),
    (
        E,
        [],
        False,
        "pending_review",
        None,
        None,
        "First violation of any class in 5 years: immediate suspension pending review",
    ),
    (
        E,
        [(A, 1000)],
        False,
        "permanent",
        None,
        None,
        "Second violation of any class in 5 years: permanent, may ask to lift after 3 years",
    ),
    (
        E,
        [(A, 1825)],
        False,
        "pending_review",
        None,
        None,
        "First violation of any class in 5 years: immediate suspension pending review",
    ),
    (
        A,
        [(A, 10), (A, 20), (A, 30)],
        True,
        "leave_day",
        None,
        None,
        "Fourth Class A violation in 3 months: "
        "leave for the rest of the day (rules for minors; a parent or guardian is told)",
    ),
    (
        A,
        [(A, 10), (A, 90)],
        True,
        "warning",
        None,
        None,
        "Second Class A violation in 3 months: a parent or "
        "guardian is called (rules for minors; a parent or guardian is told)",
    ),
    (B, [(B, 30)], True, "suspension", 14, 14, "Second Class B violation in 12 months: 14 days"),
]


@pytest.mark.parametrize(
    ("rank", "earlier", "minor", "outcome", "low", "high", "explanation"), LAKESHORE_CASES
)
def test_a_class_a_to_e_table_row_by_row(rank, earlier, minor, outcome, low, high, explanation):
    classes, steps = lakeshore()
    history = [EarlierViolation(on=ON - timedelta(days=days), rank=r) for r, days in earlier]
    result = run(rank, history, steps=steps, minor=minor, classes=classes)
    assert (result.outcome, result.min_days, result.max_days) == (outcome, low, high)
    assert result.explanation == explanation
