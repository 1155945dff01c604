"""The ladder, row by row: every tier, offence number, look-back edge, minors, and the default table."""

from datetime import date, timedelta

import pytest

from patroncare.conduct.defaults import DEFAULT_LADDER
from patroncare.conduct.ladder import recommend
from patroncare.conduct.models import LadderStep, Outcome, Tier

ON = date(2026, 3, 15)


def default_steps():
    return [
        LadderStep(
            tier=t,
            for_minors=m,
            offence_from=a,
            offence_to=b,
            lookback_days=lb,
            outcome=o,
            min_days=lo,
            max_days=hi,
            lift_request_after_days=lift,
            note=note,
        )
        for t, m, a, b, lb, o, lo, hi, lift, note in DEFAULT_LADDER
    ]


def days_ago(*numbers):
    return [ON - timedelta(days=n) for n in numbers]


# (tier, earlier violations as days before ON, minor) -> (outcome, min days, max days, explanation)
CASES = [
    # Tier 1, minor: 365-day window
    (
        Tier.MINOR,
        [],
        False,
        Outcome.WARNING,
        None,
        None,
        "First minor violation in 12 months: correct the behaviour or leave for the day",
    ),
    (
        Tier.MINOR,
        [10],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    (Tier.MINOR, [10, 200], False, Outcome.SUSPENSION, 7, 7, "Third minor violation in 12 months: 7 days"),
    (
        Tier.MINOR,
        [10, 200, 300, 364],
        False,
        Outcome.SUSPENSION,
        7,
        7,
        "Fifth minor violation in 12 months: 7 days",
    ),
    (
        Tier.MINOR,
        [365],
        False,
        Outcome.WARNING,
        None,
        None,  # exactly a year ago: outside the window
        "First minor violation in 12 months: correct the behaviour or leave for the day",
    ),
    (
        Tier.MINOR,
        [364],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # one day inside the window
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    (
        Tier.MINOR,
        [0],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,  # earlier the same day counts
        "Second minor violation in 12 months: leave for the rest of the day",
    ),
    # Tier 2, serious
    (
        Tier.SERIOUS,
        [],
        False,
        Outcome.LEAVE_DAY,
        None,
        None,
        "First serious violation in 12 months: leave for the rest of the day",
    ),
    (Tier.SERIOUS, [40], False, Outcome.SUSPENSION, 30, 30, "Second serious violation in 12 months: 1 month"),
    (
        Tier.SERIOUS,
        [40, 100],
        False,
        Outcome.SUSPENSION,
        90,
        90,
        "Third serious violation in 12 months: 3 months",
    ),
    (
        Tier.SERIOUS,
        [40, 400],
        False,
        Outcome.SUSPENSION,
        30,
        30,
        "Second serious violation in 12 months: 1 month",
    ),
    # Tier 3, severe: 730-day window, ranges
    (
        Tier.SEVERE,
        [],
        False,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
    (
        Tier.SEVERE,
        [729],
        False,
        Outcome.SUSPENSION,
        180,
        365,
        "Second severe violation in 2 years: 6 months to 1 year",
    ),
    (
        Tier.SEVERE,
        [730],
        False,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
    (
        Tier.SEVERE,
        [100, 500],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Third severe violation in 2 years: permanent, may ask to lift after 2 years",
    ),
    # Tier 4, grave: 1825-day window
    (
        Tier.GRAVE,
        [],
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in 5 years: immediate suspension pending review",
    ),
    (
        Tier.GRAVE,
        [1824],
        False,
        Outcome.PERMANENT,
        None,
        None,
        "Second most serious violation in 5 years: permanent, may ask to lift after 3 years",
    ),
    (
        Tier.GRAVE,
        [1825],
        False,
        Outcome.PENDING_REVIEW,
        None,
        None,
        "First most serious violation in 5 years: immediate suspension pending review",
    ),
    # Minors have their own rows for tiers 1 and 2 (180-day window for tier 1)
    (
        Tier.MINOR,
        [10],
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in 6 months: warning (rules for minors; a parent or guardian is told)",
    ),
    (
        Tier.MINOR,
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
        Tier.MINOR,
        [10, 180],
        True,
        Outcome.WARNING,
        None,
        None,
        "Second minor violation in 6 months: warning (rules for minors; a parent or guardian is told)",
    ),
    (
        Tier.SERIOUS,
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
        Tier.SEVERE,
        [],
        True,
        Outcome.SUSPENSION,
        30,
        90,
        "First severe violation in 2 years: 1 month to 3 months",
    ),
]


@pytest.mark.parametrize(("tier", "earlier", "minor", "outcome", "low", "high", "explanation"), CASES)
def test_default_ladder_row_by_row(tier, earlier, minor, outcome, low, high, explanation):
    result = recommend(
        steps=default_steps(), tier=tier, on=ON, prior_dates=days_ago(*earlier), is_minor=minor
    )
    assert (result.outcome, result.min_days, result.max_days) == (outcome, low, high)
    assert result.explanation == explanation


def test_later_violations_do_not_count_as_history():
    result = recommend(steps=default_steps(), tier=Tier.SERIOUS, on=ON, prior_dates=[ON + timedelta(days=3)])
    assert result.offence_number == 1


def test_rows_with_their_own_windows_take_the_most_severe_that_applies():
    # A library table: 2nd offence in 90 days -> 30 days; 3rd offence in 3 years -> one year.
    steps = [
        LadderStep(
            tier=Tier.SERIOUS, offence_from=1, offence_to=1, lookback_days=90, outcome=Outcome.WARNING
        ),
        LadderStep(
            tier=Tier.SERIOUS,
            offence_from=2,
            offence_to=None,
            lookback_days=90,
            outcome=Outcome.SUSPENSION,
            min_days=30,
            max_days=30,
        ),
        LadderStep(
            tier=Tier.SERIOUS,
            offence_from=3,
            offence_to=None,
            lookback_days=1095,
            outcome=Outcome.SUSPENSION,
            min_days=365,
            max_days=365,
        ),
    ]
    result = recommend(steps=steps, tier=Tier.SERIOUS, on=ON, prior_dates=days_ago(30, 700))
    assert (result.outcome, result.min_days) == (Outcome.SUSPENSION, 365)
    assert result.explanation == "Third serious violation in 3 years: 1 year"


def test_no_row_for_the_tier_gives_no_recommendation():
    assert recommend(steps=[], tier=Tier.SERIOUS, on=ON, prior_dates=[]) is None


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
    result = recommend(steps=default_steps(), tier=Tier.SEVERE, on=ON, prior_dates=[])
    assert result.allows(outcome=outcome, days=days) is allowed


def test_explanation_is_in_spanish_when_the_language_is_spanish():
    from django.utils import translation

    with translation.override("es"):
        result = recommend(steps=default_steps(), tier=Tier.SERIOUS, on=ON, prior_dates=days_ago(40))
    assert result.explanation == "Segunda infracción grave en 12 meses: 1 mes"
