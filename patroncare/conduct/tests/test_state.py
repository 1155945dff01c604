"""Exclusion and appeal dates are the library's local dates, across daylight-saving changes and time zones."""

from datetime import UTC, date, datetime, timedelta

import pytest

from patroncare.conduct.models import Exclusion
from patroncare.conduct.state import (
    ExclusionState,
    appeal_deadline,
    exclusion_state,
    is_appealable_kind,
    is_enforced,
)
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import LibrarySystem
from patroncare.rulebook.models import AppealSettings, Outcome

CHICAGO = LibrarySystem(name="Test", slug="test", time_zone="America/Chicago")


def _exclusion(*, issued_at, start=date(2026, 3, 6), end=date(2026, 3, 8), system=CHICAGO, **extra):
    return Exclusion(
        system=system,
        outcome=Outcome.SUSPENSION,
        start_date=start,
        end_date=end,
        issued_at=issued_at,
        **extra,
    )


@pytest.mark.parametrize(
    ("utc_moment", "state"),
    [
        # DST starts on 8 March 2026 in Chicago: local midnight of the 9th is 05:00 UTC, not 06:00.
        (datetime(2026, 3, 9, 4, 59, tzinfo=UTC), ExclusionState.ACTIVE),
        (datetime(2026, 3, 9, 5, 0, tzinfo=UTC), ExclusionState.ENDED),
        (datetime(2026, 3, 6, 5, 59, tzinfo=UTC), ExclusionState.PENDING),  # still the 5th in Chicago (CST)
        (datetime(2026, 3, 6, 6, 0, tzinfo=UTC), ExclusionState.ACTIVE),
    ],
)
def test_state_follows_local_dates_across_the_spring_change(utc_moment, state):
    exclusion = _exclusion(issued_at=datetime(2026, 3, 5, 22, tzinfo=UTC))
    assert exclusion_state(exclusion, today=today_in(CHICAGO, utc_moment), open_appeal=False) == state


def test_state_after_the_autumn_change():
    exclusion = _exclusion(
        issued_at=datetime(2026, 10, 30, 15, tzinfo=UTC), start=date(2026, 10, 30), end=date(2026, 11, 1)
    )
    # DST ends on 1 November 2026: local midnight of the 2nd is 06:00 UTC.
    assert (
        exclusion_state(
            exclusion, today=today_in(CHICAGO, datetime(2026, 11, 2, 5, 59, tzinfo=UTC)), open_appeal=False
        )
        == ExclusionState.ACTIVE
    )
    assert (
        exclusion_state(
            exclusion, today=today_in(CHICAGO, datetime(2026, 11, 2, 6, 0, tzinfo=UTC)), open_appeal=False
        )
        == ExclusionState.ENDED
    )


def test_rescinded_and_appeal_states():
    exclusion = _exclusion(issued_at=datetime(2026, 3, 5, 22, tzinfo=UTC))
    today = date(2026, 3, 7)
    assert exclusion_state(exclusion, today=today, open_appeal=True) == ExclusionState.UNDER_APPEAL
    assert is_enforced(ExclusionState.UNDER_APPEAL, stays_in_force=True)
    assert not is_enforced(ExclusionState.UNDER_APPEAL, stays_in_force=False)
    exclusion.rescinded_at = datetime(2026, 3, 7, tzinfo=UTC)
    assert exclusion_state(exclusion, today=today, open_appeal=True) == ExclusionState.RESCINDED


def test_calendar_day_deadline_ends_at_local_midnight_after_the_spring_change():
    settings = AppealSettings(filing_days=10, filing_unit="days")
    # Issued Friday 6 March at 16:00 in Chicago (CST); ten calendar days later is Monday 16 March (CDT).
    exclusion = _exclusion(issued_at=datetime(2026, 3, 6, 22, tzinfo=UTC))
    deadline = appeal_deadline(exclusion, settings)
    assert deadline.astimezone(CHICAGO.zone).date() == date(2026, 3, 16)
    assert datetime(2026, 3, 17, 4, 59, tzinfo=UTC) <= deadline < datetime(2026, 3, 17, 5, 0, tzinfo=UTC)


def test_calendar_day_deadline_after_the_autumn_change():
    settings = AppealSettings(filing_days=10, filing_unit="days")
    exclusion = _exclusion(
        issued_at=datetime(2026, 10, 26, 15, tzinfo=UTC), start=date(2026, 10, 26), end=date(2026, 12, 1)
    )
    deadline = appeal_deadline(exclusion, settings)
    assert datetime(2026, 11, 6, 5, 59, tzinfo=UTC) <= deadline < datetime(2026, 11, 6, 6, 0, tzinfo=UTC)


def test_the_notice_day_is_the_local_one():
    settings = AppealSettings(filing_days=1, filing_unit="days")
    # 03:00 UTC on the 7th is still the evening of the 6th in Chicago.
    exclusion = _exclusion(issued_at=datetime(2026, 3, 7, 3, tzinfo=UTC))
    assert appeal_deadline(exclusion, settings).astimezone(CHICAGO.zone).date() == date(2026, 3, 7)


@pytest.mark.django_db
def test_working_day_deadline_skips_weekends_and_holidays():
    from patroncare.libraries.tests.factories import HolidayFactory, LibrarySystemFactory

    system = LibrarySystemFactory(time_zone="America/Chicago")
    HolidayFactory(system=system, date=date(2026, 3, 13), name="Staff day")
    settings = AppealSettings(filing_days=10, filing_unit="working_days")
    exclusion = _exclusion(issued_at=datetime(2026, 3, 6, 22, tzinfo=UTC), system=system)
    # Mon 9 .. Fri 20 is ten working days; the holiday on the 13th pushes it to Monday 23 March.
    assert appeal_deadline(exclusion, settings).astimezone(system.zone).date() == date(2026, 3, 23)


@pytest.mark.parametrize(
    ("outcome", "days", "appealable"),
    [
        (Outcome.SUSPENSION, 7, False),
        (Outcome.SUSPENSION, 8, True),
        (Outcome.LEAVE_DAY, 1, False),
        (Outcome.PERMANENT, None, True),
        (Outcome.PENDING_REVIEW, None, True),
    ],
)
def test_which_exclusions_may_be_appealed(outcome, days, appealable):
    start = date(2026, 3, 1)
    end = start + timedelta(days=days - 1) if days else None
    exclusion = Exclusion(outcome=outcome, start_date=start, end_date=end)
    assert is_appealable_kind(exclusion, AppealSettings(min_days_appealable=7)) is appealable


@pytest.mark.django_db
def test_the_state_filter_of_the_database_agrees_with_the_state_worked_out_in_python(conduct):
    """Every combination of dates and decisions lands in exactly the state `exclusion_state` gives it."""
    from django.utils import timezone

    from patroncare.conduct.models import Appeal
    from patroncare.conduct.selectors import _with_open_appeal
    from patroncare.conduct.state import state_condition
    from patroncare.patrons.tests.factories import PersonFactory

    today = today_in(conduct.system)
    person = PersonFactory(system=conduct.system)
    made = []
    for start in (today - timedelta(days=5), today, today + timedelta(days=3)):
        for end in (None, today - timedelta(days=1), today, today + timedelta(days=9)):
            if end is not None and end < start:
                continue
            for deviation, approved in (("", None), ("Reason", None), ("Reason", timezone.now())):
                for rescinded in (None, timezone.now()):
                    for appealed in (False, True):
                        exclusion = Exclusion.objects.create(
                            system=conduct.system,
                            person=person,
                            issued_by=conduct.users["supervisor"],
                            outcome=Outcome.PERMANENT if end is None else Outcome.SUSPENSION,
                            issued_at=timezone.now(),
                            start_date=start,
                            end_date=end,
                            deviation_reason=deviation,
                            deviation_approved_at=approved,
                            rescinded_at=rescinded,
                        )
                        if appealed:
                            Appeal.objects.create(
                                exclusion=exclusion,
                                received_at=timezone.now(),
                                statement="x",
                                recorded_by=conduct.users["supervisor"],
                            )
                        made.append(exclusion)
    queryset = _with_open_appeal(Exclusion.objects.filter(system=conduct.system))
    expected = {e.pk: exclusion_state(e, today=today, open_appeal=e.has_open_appeal) for e in queryset}
    for state in ExclusionState.values:
        found = set(queryset.filter(state_condition(state, today=today)).values_list("pk", flat=True))
        assert found == {pk for pk, s in expected.items() if s == state}, state
    assert len(expected) == len(made)
