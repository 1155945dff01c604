"""Deadlines counted in the branch's own opening days, and extensions that never land on a closed day."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from patroncare.complaints import services
from patroncare.complaints.services.deadlines import deadlines_for, rule_for
from patroncare.libraries.calendar import working_day_deadline
from patroncare.libraries.tests.factories import (
    BranchFactory,
    ClosureFactory,
    HolidayFactory,
    OpeningHoursFactory,
)

from .factories import record

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
MON, WED, SAT = 0, 2, 5


def end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=CHICAGO)


@pytest.fixture
def pine_hollow(world):
    """A small branch open Monday, Wednesday and Saturday only."""
    branch = BranchFactory(system=world.system, name="Pine Hollow", code="PIN", is_small=True)
    for weekday in (MON, WED, SAT):
        OpeningHoursFactory(branch=branch, weekday=weekday, opens=time(10), closes=time(16))
    return branch


def _deadlines(world, branch, received):
    return deadlines_for(system=world.system, branch=branch, severity="minor", start=received, stage=1)


def test_a_three_day_branch_counts_only_its_opening_days(world, pine_hollow):
    # Friday 27 November 2026: Saturday 28, Monday 30, Wednesday 2 December...
    received = datetime(2026, 11, 27, 15, 0, tzinfo=CHICAGO)
    system_wide = _deadlines(world, None, received)
    branch = _deadlines(world, pine_hollow, received)
    assert branch.acknowledge_due_at > system_wide.acknowledge_due_at
    rule = rule_for(system=world.system, severity="minor")
    open_days = [
        date(2026, 11, 28),
        date(2026, 11, 30),
        date(2026, 12, 2),
        date(2026, 12, 5),
        date(2026, 12, 7),
    ]
    open_days += [date(2026, 12, 9), date(2026, 12, 12), date(2026, 12, 14), date(2026, 12, 16)]
    open_days += [date(2026, 12, 19), date(2026, 12, 21), date(2026, 12, 23), date(2026, 12, 26)]
    assert branch.acknowledge_due_at == end_of(open_days[rule.acknowledge_days - 1])
    assert branch.respond_due_at == end_of(open_days[rule.respond_days - 1])


def test_holidays_and_closures_are_skipped_on_the_branch_days(world, pine_hollow):
    received = datetime(2026, 11, 27, 15, 0, tzinfo=CHICAGO)
    before = _deadlines(world, pine_hollow, received)
    HolidayFactory(system=world.system, date=date(2026, 11, 28), name="Small Business Saturday")
    ClosureFactory(branch=pine_hollow, start_date=date(2026, 11, 30), end_date=date(2026, 11, 30))
    after = _deadlines(world, pine_hollow, received)
    assert after.acknowledge_due_at > before.acknowledge_due_at
    # Without 28 and 30 November, the first open day is Wednesday 2 December.
    one_day = working_day_deadline(system=world.system, received_at=received, days=1, branch=pine_hollow)
    assert one_day == end_of(date(2026, 12, 2))


def test_an_extension_to_a_closed_day_is_refused_with_the_next_open_day(world, pine_hollow):
    complaint, _secret = record(actor=world.users["supervisor"], branch=pine_hollow, severity="minor")
    version, due = complaint.version, complaint.respond_due_at
    tuesday = date(2027, 1, 5)
    with pytest.raises(ValidationError) as refused:
        services.complaint_extend(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=version,
            new_date=tuesday,
            reason="Waiting for the CCTV footage.",
        )
    assert "Wednesday, Jan. 6, 2027" in str(refused.value)  # Wednesday, the next day Pine Hollow opens
    complaint.refresh_from_db()
    assert complaint.respond_due_at == due and complaint.version == version
    services.complaint_extend(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=version,
        new_date=date(2027, 1, 6),
        reason="Waiting for the CCTV footage.",
    )
    complaint.refresh_from_db()
    assert complaint.respond_due_at == end_of(date(2027, 1, 6))
    assert complaint.entries.filter(kind="extension", body="Waiting for the CCTV footage.").exists()


def test_an_extension_to_a_holiday_is_refused(world):
    HolidayFactory(system=world.system, date=date(2027, 1, 1), name="New Year's Day")
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="minor")
    with pytest.raises(ValidationError, match="closed on"):
        services.complaint_extend(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=complaint.version,
            new_date=date(2027, 1, 1),
            reason="Holiday staffing.",
        )
