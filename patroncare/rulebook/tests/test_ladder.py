"""The ladder, row by row: every class, offence number, look-back edge, minors, and the default table."""

from datetime import date, timedelta

import pytest

from patroncare.libraries.calendar import Unit
from patroncare.rulebook.defaults import DEFAULT_CLASSES, DEFAULT_LADDER, GRAVE, MINOR, SERIOUS, SEVERE
from patroncare.rulebook.ladder import (
    EarlierViolation,
    consequence_text,
    lookback_text,
    ordinal,
    recommend,
    step_values,
)
from patroncare.rulebook.models import BehaviourClass, Counting, LadderStep, LookbackUnit, Outcome

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
        "First minor violation in the past 12 months: correct the behaviour or leave for the day",
    ),
    (
        MINOR,
        [10],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "Second minor violation in the past 12 months: leave for the rest of the day",
    ),
    (
        MINOR,
        [10, 200],
        False,
        Outcome.SUSPENSION,
        7,
        7,
        "Third minor violation in the past 12 months: 7 days",
    ),
    (
        MINOR,
        [10, 200, 300, 364],
        False,
        Outcome.SUSPENSION,
        7,
        7,
        "Fifth minor violation in the past 12 months: 7 days",
    ),
    (
        MINOR,
        [365],
        False,
        Outcome.WARNING,
        None,
        None,  # exactly a year ago: outside the window
        "First minor violation in the past 12 months: correct the behaviour or leave for the day",
    ),
    (
        MINOR,
        [364],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # one day inside the window
        "Second minor violation in the past 12 months: leave for the rest of the day",
    ),
    (
        MINOR,
        [0],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # earlier the same day counts
        "Second minor violation in the past 12 months: leave for the rest of the day",
    ),
    # Tier 2, serious
    (
        SERIOUS,
        [],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "First serious violation in the past 12 months: leave for the rest of the day",
    ),
    (
        SERIOUS,
        [40],
        False,
        Outcome.SUSPENSION,
        1,
        1,
        "Second serious violation in the past 12 months: 1 month",
    ),
    (
        SERIOUS,
        [40, 100],
        False,
        Outcome.SUSPENSION,
        3,
        3,
        "Third serious violation in the past 12 months: 3 months",
    ),
    (
        SERIOUS,
        [40, 400],
        False,
        Outcome.SUSPENSION,
        1,
        1,
        "Second serious violation in the past 12 months: 1 month",
    ),
    # Tier 3, severe: 730-day window, ranges
    (
        SEVERE,
        [],
        False,
        Outcome.SUSPENSION,
        1,
        3,
        "First severe violation in the past 2 years: 1 to 3 months",
    ),
    (
        SEVERE,
        [729],
        False,
        Outcome.SUSPENSION,
        6,
        12,
        "Second severe violation in the past 2 years: 6 to 12 months",
    ),
    (
        SEVERE,
        [730],
        False,
        Outcome.SUSPENSION,
        1,
        3,
        "First severe violation in the past 2 years: 1 to 3 months",
    ),
    (
        SEVERE,
        [100, 500],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Third severe violation in the past 2 years: permanent, may ask to lift after 2 years",
    ),
    # Tier 4, grave: 1825-day window
    (
        GRAVE,
        [],
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in the past 5 years: immediate suspension pending review",
    ),
    (
        GRAVE,
        [1824],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Second most serious violation in the past 5 years: permanent, may ask to lift after 3 years",
    ),
    (
        GRAVE,
        [1826],  # exactly five calendar years ago (29 Feb 2024 between): outside
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in the past 5 years: immediate suspension pending review",
    ),
    # Minors have their own rows for classes 1 and 2 (180-day window for class 1)
    (
        MINOR,
        [10],
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in the past 6 months: warning (rules for minors; a parent or guardian "
        "is told)",
    ),
    (
        MINOR,
        [10, 20],
        True,
        Outcome.LEAVE_DAY,
        None,
        None,
        "Third minor violation in the past 6 months: leave for the rest of the day (rules for minors; "
        "a parent or guardian is told)",
    ),
    (
        MINOR,
        [10, 181],  # exactly six calendar months ago: outside
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in the past 6 months: warning (rules for minors; a parent or guardian "
        "is told)",
    ),
    (
        SERIOUS,
        [5],
        True,
        Outcome.SUSPENSION,
        7,
        14,
        "Second serious violation in the past 12 months: 7 to 14 days (rules for minors; a parent or "
        "guardian is told)",
    ),
    # ... and the adult rows where the library has none for minors
    (
        SEVERE,
        [],
        True,
        Outcome.SUSPENSION,
        1,
        3,
        "First severe violation in the past 2 years: 1 to 3 months",
    ),
]


@pytest.mark.parametrize(("rank", "earlier", "minor", "outcome", "low", "high", "explanation"), CASES)
def test_default_ladder_row_by_row(rank, earlier, minor, outcome, low, high, explanation):
    result = run(rank, earlier_of(rank, *earlier), minor=minor)
    assert (result.outcome, result.length_min, result.length_max) == (outcome, low, high)
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
            lookback_unit=Unit.DAYS,
            lookback_number=90,
            outcome=Outcome.WARNING,
        ),
        LadderStep(
            behaviour_class=CLASSES[SERIOUS],
            offence_from=2,
            offence_to=None,
            lookback_unit=Unit.DAYS,
            lookback_number=90,
            outcome=Outcome.SUSPENSION,
            length_min=30,
            length_max=30,
        ),
        LadderStep(
            behaviour_class=CLASSES[SERIOUS],
            offence_from=3,
            offence_to=None,
            lookback_unit=Unit.DAYS,
            lookback_number=1095,
            outcome=Outcome.SUSPENSION,
            length_min=365,
            length_max=365,
        ),
    ]
    result = run(SERIOUS, earlier_of(SERIOUS, 30, 700), steps=steps)
    assert (result.outcome, result.length_min, result.length_unit) == (Outcome.SUSPENSION, 365, Unit.DAYS)
    # A row entered in days reads in days: never "3 years" for 1095 days (which 3 calendar years are not)
    assert result.explanation == "Third serious violation in the past 1095 days: 365 days"


def test_no_row_for_the_class_gives_no_recommendation():
    assert run(SERIOUS, steps=[]) is None


@pytest.mark.parametrize(
    ("outcome", "last_day", "allowed"),
    [
        (Outcome.SUSPENSION, date(2026, 4, 14), True),  # 1 month from 15 March
        (Outcome.SUSPENSION, date(2026, 6, 14), True),  # 3 months
        (Outcome.SUSPENSION, date(2026, 4, 13), False),
        (Outcome.SUSPENSION, date(2026, 6, 15), False),
        (Outcome.SUSPENSION, None, False),
        (Outcome.PERMANENT, None, False),
        (Outcome.LEAVE_DAY, ON, False),
    ],
)
def test_a_choice_outside_the_recommended_range_is_a_deviation(outcome, last_day, allowed):
    result = run(SEVERE)
    assert result.allows(outcome=outcome, start_date=ON, end_date=last_day) is allowed


def test_explanation_is_in_spanish_when_the_language_is_spanish():
    from django.utils import translation

    with translation.override("es"):
        result = run(SERIOUS, earlier_of(SERIOUS, 40))
    assert result.explanation == "Segunda infracción grave en los últimos 12 meses: 1 mes"


# How far back a row looks, and at what: a row may count only its own class (the default), its class and
# more serious ones, or every earlier violation.
def _two_class_steps(counts):
    return [
        LadderStep(
            behaviour_class=CLASSES[SEVERE],
            offence_from=1,
            offence_to=1,
            lookback_unit=Unit.MONTHS,
            lookback_number=12,
            counts=counts,
            outcome=Outcome.SUSPENSION,
            length_min=1,
            length_max=1,
            length_unit=Unit.MONTHS,
        ),
        LadderStep(
            behaviour_class=CLASSES[SEVERE],
            offence_from=2,
            offence_to=None,
            lookback_unit=Unit.MONTHS,
            lookback_number=12,
            counts=counts,
            outcome=Outcome.SUSPENSION,
            length_min=6,
            length_max=6,
            length_unit=Unit.MONTHS,
        ),
    ]


MIXED_HISTORY = earlier_of(MINOR, 20) + earlier_of(GRAVE, 100)

COUNTING_CASES = [
    (Counting.SAME_CLASS, [], 1, "First severe violation in the past 12 months: 1 month"),
    (Counting.SAME_CLASS, MIXED_HISTORY, 1, "First severe violation in the past 12 months: 1 month"),
    (
        Counting.SAME_OR_MORE_SERIOUS,
        MIXED_HISTORY,
        2,
        "Second violation of severe or more serious in the past 12 months: 6 months",
    ),
    (
        Counting.SAME_OR_MORE_SERIOUS,
        earlier_of(MINOR, 20, 30),
        1,
        "First violation of severe or more serious in the past 12 months: 1 month",
    ),
    (Counting.ANY_CLASS, MIXED_HISTORY, 3, "Third violation of any class in the past 12 months: 6 months"),
    (
        Counting.ANY_CLASS,
        earlier_of(MINOR, 365),
        1,
        "First violation of any class in the past 12 months: 1 month",
    ),
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
        "First Class A violation in the past 6 months: correct the behaviour or leave for the day",
    ),
    (
        A,
        [(A, 179)],
        False,
        "leave_day",
        None,
        None,
        "Second Class A violation in the past 6 months: leave for the rest of the day",
    ),
    (
        A,
        [(A, 181)],  # exactly six calendar months ago
        False,
        "warning",
        None,
        None,
        "First Class A violation in the past 6 months: correct the behaviour or leave for the day",
    ),
    (
        A,
        [(A, 10), (A, 20), (B, 5)],
        False,
        "suspension",
        3,
        7,
        "Third Class A violation in the past 6 months: 3 to 7 days",
    ),
    (
        B,
        [(A, 10)],
        False,
        "leave_day",
        None,
        None,
        "First Class B violation in the past 12 months: leave for the rest of the day",
    ),
    (B, [(B, 364)], False, "suspension", 14, 14, "Second Class B violation in the past 12 months: 14 days"),
    (
        B,
        [(B, 10), (B, 20)],
        False,
        "suspension",
        30,
        60,
        "Third Class B violation in the past 12 months: 30 to 60 days",
    ),
    (C, [], False, "suspension", 1, 1, "First Class C violation in the past 12 months: 1 month"),
    (
        C,
        [(E, 200)],
        False,
        "suspension",
        6,
        12,
        "Second violation of Class C or more serious in the past 12 months: 6 to 12 months",
    ),
    (C, [(B, 200)], False, "suspension", 1, 1, "First Class C violation in the past 12 months: 1 month"),
    (
        D,
        [],
        False,
        "suspension",
        6,
        12,
        "First violation of Class D or more serious in the past 3 years: 6 to 12 months",
    ),
    (
        D,
        [(C, 1094)],
        False,
        "suspension",
        6,
        12,
        "First violation of Class D or more serious in the past 3 years: 6 to 12 months",
    ),
    (
        D,
        [(D, 1094)],
        False,
        "permanent",
        None,
        None,
        "Second violation of Class D or more serious in the past 3 years: permanent, may ask to lift "
        "after 2 years",
    ),
    (
        D,
        [(D, 1096)],  # exactly three calendar years ago
        False,
        "suspension",
        6,
        12,
        "First violation of Class D or more serious in the past 3 years: 6 to 12 months",
    ),
    (
        E,
        [],
        False,
        "pending_review",
        None,
        None,
        "First violation of any class in the past 5 years: immediate suspension pending review",
    ),
    (
        E,
        [(A, 1000)],
        False,
        "permanent",
        None,
        None,
        "Second violation of any class (no look-back: every earlier violation counts): permanent, may ask to "
        "lift after 3 years",
    ),
    (  # Class E's second row has no look-back: a violation of twelve years ago still counts
        E,
        [(A, 4400)],
        False,
        "permanent",
        None,
        None,
        "Second violation of any class (no look-back: every earlier violation counts): permanent, may ask to "
        "lift after 3 years",
    ),
    (
        A,
        [(A, 10), (A, 20), (A, 30)],
        True,
        "leave_day",
        None,
        None,
        "Fourth Class A violation in the past 3 months: "
        "leave for the rest of the day (rules for minors; a parent or guardian is told)",
    ),
    (
        A,
        [(A, 10), (A, 90)],
        True,
        "warning",
        None,
        None,
        "Second Class A violation in the past 3 months: a parent or "
        "guardian is called (rules for minors; a parent or guardian is told)",
    ),
    (B, [(B, 30)], True, "suspension", 14, 14, "Second Class B violation in the past 12 months: 14 days"),
]


@pytest.mark.parametrize(
    ("rank", "earlier", "minor", "outcome", "low", "high", "explanation"), LAKESHORE_CASES
)
def test_a_class_a_to_e_table_row_by_row(rank, earlier, minor, outcome, low, high, explanation):
    classes, steps = lakeshore()
    history = [EarlierViolation(on=ON - timedelta(days=days), rank=r) for r, days in earlier]
    result = run(rank, history, steps=steps, minor=minor, classes=classes)
    assert (result.outcome, result.length_min, result.length_max) == (outcome, low, high)
    assert result.explanation == explanation


# Rows in months and years count back in calendar months and years; a row may have no look-back at all.
def _step(**values):
    return LadderStep(behaviour_class=CLASSES[SERIOUS], offence_to=None, **values)


MONTH_ROWS = [
    _step(offence_from=1, lookback_number=6, lookback_unit=Unit.MONTHS, outcome=Outcome.WARNING),
    _step(
        offence_from=2,
        lookback_number=6,
        lookback_unit=Unit.MONTHS,
        outcome=Outcome.SUSPENSION,
        length_min=1,
        length_max=1,
        length_unit=Unit.MONTHS,
    ),
]


@pytest.mark.parametrize(
    ("on", "earlier_on", "number"),
    [
        (date(2026, 8, 31), date(2026, 2, 28), 1),  # six months before 31 Aug is 28 Feb: outside
        (date(2026, 8, 31), date(2026, 3, 1), 2),
        (date(2028, 8, 31), date(2028, 2, 29), 1),  # ... 29 Feb in a leap year
        (date(2027, 3, 15), date(2026, 9, 16), 2),  # over a year end
        (date(2027, 3, 15), date(2026, 9, 15), 1),
    ],
)
def test_a_window_in_months_counts_back_calendar_months(on, earlier_on, number):
    result = recommend(
        steps=MONTH_ROWS,
        behaviour_class=CLASSES[SERIOUS],
        on=on,
        earlier=[EarlierViolation(on=earlier_on, rank=SERIOUS)],
    )
    assert result.offence_number == number


def test_a_month_suspension_from_31_january_ends_on_the_last_day_of_february():
    result = recommend(
        steps=MONTH_ROWS,
        behaviour_class=CLASSES[SERIOUS],
        on=date(2027, 1, 31),
        earlier=[EarlierViolation(on=date(2027, 1, 2), rank=SERIOUS)],
    )
    assert result.explanation == "Second serious violation in the past 6 months: 1 month"
    assert result.shortest_last_day(date(2027, 1, 31)) == date(2027, 2, 28)
    assert result.shortest_last_day(date(2028, 1, 31)) == date(2028, 2, 29)
    assert result.allows(outcome=Outcome.SUSPENSION, start_date=date(2027, 1, 31), end_date=date(2027, 2, 28))
    assert not result.allows(
        outcome=Outcome.SUSPENSION, start_date=date(2027, 1, 31), end_date=date(2027, 3, 2)
    )


def test_may_ask_to_lift_after_a_year_from_29_february():
    step = _step(
        offence_from=1,
        lookback_number=1,
        lookback_unit=Unit.YEARS,
        outcome=Outcome.PERMANENT,
        lift_after_number=1,
        lift_after_unit=Unit.YEARS,
    )
    result = recommend(steps=[step], behaviour_class=CLASSES[SERIOUS], on=date(2028, 2, 29), earlier=[])
    assert result.explanation == (
        "First serious violation in the past year: permanent, may ask to lift after 1 year"
    )
    assert result.lift_request_from(date(2028, 2, 29)) == date(2029, 2, 28)


def test_no_look_back_counts_every_earlier_violation():
    steps = [
        _step(offence_from=1, lookback_unit=LookbackUnit.NONE, outcome=Outcome.WARNING),
        _step(
            offence_from=3,
            lookback_unit=LookbackUnit.NONE,
            outcome=Outcome.SUSPENSION,
            length_min=6,
            length_max=12,
            length_unit=Unit.MONTHS,
        ),
    ]
    earlier = [EarlierViolation(on=date(1990, 1, 1), rank=SERIOUS), EarlierViolation(on=ON, rank=SERIOUS)]
    result = recommend(steps=steps, behaviour_class=CLASSES[SERIOUS], on=ON, earlier=earlier)
    assert result.offence_number == 3
    assert result.explanation == (
        "Third serious violation (no look-back: every earlier violation counts): 6 to 12 months"
    )


def test_a_one_day_suspension_reads_one_day():
    step = _step(
        offence_from=1,
        lookback_number=30,
        lookback_unit=Unit.DAYS,
        outcome=Outcome.SUSPENSION,
        length_min=1,
        length_max=1,
    )
    result = recommend(steps=[step], behaviour_class=CLASSES[SERIOUS], on=ON, earlier=[])
    assert result.explanation == "First serious violation in the past 30 days: 1 day"
    assert consequence_text(step) == "Suspension: 1 day"


@pytest.mark.parametrize(
    ("n", "english", "spanish"),
    [
        (5, "fifth", "quinta"),
        (6, "sixth", "sexta"),
        (10, "tenth", "décima"),
        (11, "eleventh", "undécima"),
        (20, "twentieth", "vigésima"),
        (21, "21st", "21.ª"),
        (22, "22nd", "22.ª"),
        (23, "23rd", "23.ª"),
        (111, "111th", "111.ª"),
    ],
)
def test_ordinals_do_not_jump_from_words_to_numerals_after_the_fifth(n, english, spanish):
    from django.utils import translation

    with translation.override("en"):
        assert ordinal(n) == english
    with translation.override("es"):
        assert ordinal(n) == spanish


def test_no_look_back_and_calendar_units_in_spanish():
    from django.utils import translation

    steps = [
        _step(
            offence_from=1,
            lookback_unit=LookbackUnit.NONE,
            outcome=Outcome.SUSPENSION,
            length_min=6,
            length_max=12,
            length_unit=Unit.MONTHS,
        )
    ]
    with translation.override("es"):
        result = recommend(steps=steps, behaviour_class=CLASSES[SERIOUS], on=ON, earlier=[])
        assert lookback_text(steps[0]) == "sin período de revisión"
        assert consequence_text(steps[0]) == "Suspensión: de 6 a 12 meses"
    assert result.explanation == (
        "Primera infracción grave (sin período de revisión: cuentan todas las infracciones anteriores): "
        "de 6 a 12 meses"
    )
