from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from patroncare.libraries.calendar import add_working_days, working_day_deadline, working_days_between
from patroncare.libraries.models import ALL_WEEKDAYS_MASK, MONDAY_TO_FRIDAY_MASK
from patroncare.libraries.tests.factories import (
    BranchFactory,
    ClosureFactory,
    HolidayFactory,
    LibrarySystemFactory,
)

pytestmark = pytest.mark.django_db

# 2026-11-23 is a Monday.
MONDAY = date(2026, 11, 23)


@pytest.fixture
def system():
    return LibrarySystemFactory(time_zone="America/Chicago", opening_days=MONDAY_TO_FRIDAY_MASK)


def test_five_working_days_from_monday_skip_the_weekend(system):
    assert add_working_days(system=system, start=MONDAY, days=5) == date(2026, 11, 30)


def test_the_day_of_receipt_does_not_count(system):
    assert add_working_days(system=system, start=MONDAY, days=1) == date(2026, 11, 24)


def test_a_friday_receipt_counts_from_monday(system):
    assert add_working_days(system=system, start=date(2026, 11, 27), days=1) == date(2026, 11, 30)


def test_holidays_are_skipped(system):
    HolidayFactory(system=system, date=date(2026, 11, 26), name="Thanksgiving Day")
    HolidayFactory(system=system, date=date(2026, 11, 27), name="Day after Thanksgiving")
    # Tue, Wed, (Thu, Fri holidays), Mon, Tue, Wed
    assert add_working_days(system=system, start=MONDAY, days=5) == date(2026, 12, 2)


def test_another_systems_holiday_is_ignored(system):
    HolidayFactory(date=date(2026, 11, 24))
    assert add_working_days(system=system, start=MONDAY, days=1) == date(2026, 11, 24)


def test_branch_closure_is_skipped_only_for_that_branch(system):
    branch, other = BranchFactory(system=system), BranchFactory(system=system)
    ClosureFactory(branch=branch, start_date=date(2026, 11, 24), end_date=date(2026, 11, 25))
    assert add_working_days(system=system, start=MONDAY, days=1, branch=branch) == date(2026, 11, 26)
    assert add_working_days(system=system, start=MONDAY, days=1, branch=other) == date(2026, 11, 24)


def test_deadline_that_would_fall_on_a_closure_moves_to_the_next_working_day(system):
    branch = BranchFactory(system=system)
    ClosureFactory(branch=branch, start_date=date(2026, 11, 30), end_date=date(2026, 12, 1))
    assert add_working_days(system=system, start=MONDAY, days=5, branch=branch) == date(2026, 12, 2)


def test_saturday_counts_when_the_system_opens_on_saturdays():
    system = LibrarySystemFactory(opening_days=ALL_WEEKDAYS_MASK & ~(1 << 6))
    assert add_working_days(system=system, start=date(2026, 11, 27), days=1) == date(2026, 11, 28)


def test_long_deadlines_cross_the_lookahead_window(system):
    for offset in range(0, 200, 7):  # every Monday for 200 days is a holiday
        HolidayFactory(system=system, date=MONDAY + timedelta(days=offset), name=f"H{offset}")
    result = add_working_days(system=system, start=MONDAY, days=100)
    assert working_days_between(system=system, start=MONDAY, end=result) == 100


def test_deadline_ends_at_local_midnight_of_its_last_day(system):
    received = datetime(2026, 11, 23, 15, 0, tzinfo=ZoneInfo("UTC"))
    deadline = working_day_deadline(system=system, received_at=received, days=5)
    assert deadline.astimezone(ZoneInfo("America/Chicago")).replace(microsecond=0) == datetime(
        2026, 11, 30, 23, 59, 59, tzinfo=ZoneInfo("America/Chicago")
    )


def test_receipt_is_dated_in_the_systems_time_zone(system):
    # 03:00 UTC on Tuesday is still Monday evening in Chicago: the clock starts from Monday.
    received = datetime(2026, 11, 24, 3, 0, tzinfo=ZoneInfo("UTC"))
    deadline = working_day_deadline(system=system, received_at=received, days=1)
    assert deadline.astimezone(system.zone).date() == date(2026, 11, 24)


def test_a_system_in_another_time_zone_dates_the_same_moment_differently():
    tokyo = LibrarySystemFactory(time_zone="Asia/Tokyo", opening_days=MONDAY_TO_FRIDAY_MASK)
    received = datetime(2026, 11, 23, 20, 0, tzinfo=ZoneInfo("UTC"))  # Tuesday 05:00 in Tokyo
    deadline = working_day_deadline(system=tokyo, received_at=received, days=1)
    assert deadline.astimezone(tokyo.zone).date() == date(2026, 11, 25)


def test_deadline_across_the_daylight_saving_change_is_still_local_midnight(system):
    # Chicago leaves daylight saving time on 2026-11-01.
    received = datetime(2026, 10, 29, 12, 0, tzinfo=ZoneInfo("America/Chicago"))
    deadline = working_day_deadline(system=system, received_at=received, days=2)
    local = deadline.astimezone(system.zone)
    assert (local.date(), local.hour, local.minute) == (date(2026, 11, 2), 23, 59)
    assert local.utcoffset() == timedelta(hours=-6)


def test_working_days_between_counts_after_start_up_to_end(system):
    assert working_days_between(system=system, start=MONDAY, end=date(2026, 11, 30)) == 5
    assert working_days_between(system=system, start=MONDAY, end=MONDAY) == 0


def test_negative_days_are_refused(system):
    with pytest.raises(ValueError):
        add_working_days(system=system, start=MONDAY, days=-1)


def test_many_deadlines_at_once_match_one_by_one(django_assert_max_num_queries):
    from patroncare.libraries.calendar import working_day_deadlines

    system = LibrarySystemFactory(time_zone="America/Chicago")
    HolidayFactory(system=system, date=date(2026, 12, 25))
    received = [
        datetime(2026, 12, day, hour, tzinfo=system.zone)
        for day, hour in [(18, 9), (22, 23), (24, 1), (31, 12)]
    ]
    expected = [working_day_deadline(system=system, received_at=moment, days=5) for moment in received]
    with django_assert_max_num_queries(1):
        assert working_day_deadlines(system=system, received=received, days=5) == expected
    assert working_day_deadlines(system=system, received=[], days=5) == []
