"""Calendar arithmetic for the periods a library's published table counts in."""

from datetime import UTC, date, datetime

import pytest

from patroncare.libraries.calendar import Unit, add_period, period_last_day, subtract_period, today_in
from patroncare.libraries.models import MONDAY_TO_FRIDAY_MASK
from patroncare.libraries.tests.factories import HolidayFactory, LibrarySystemFactory


@pytest.mark.parametrize(
    ("start", "number", "unit", "expected"),
    [
        (date(2027, 1, 31), 1, Unit.MONTHS, date(2027, 2, 28)),  # a month from 31 Jan: last day of Feb
        (date(2028, 1, 31), 1, Unit.MONTHS, date(2028, 2, 29)),  # ... in a leap year
        (date(2027, 3, 31), 1, Unit.MONTHS, date(2027, 4, 30)),
        (date(2027, 1, 15), 1, Unit.MONTHS, date(2027, 2, 15)),
        (date(2027, 11, 30), 3, Unit.MONTHS, date(2028, 2, 29)),  # over a year end
        (date(2027, 12, 31), 1, Unit.MONTHS, date(2028, 1, 31)),
        (date(2028, 2, 29), 1, Unit.YEARS, date(2029, 2, 28)),  # a year from 29 Feb: 28 Feb
        (date(2028, 2, 29), 4, Unit.YEARS, date(2032, 2, 29)),
        (date(2027, 12, 31), 1, Unit.YEARS, date(2028, 12, 31)),
        (date(2027, 12, 31), 1, Unit.DAYS, date(2028, 1, 1)),
        (date(2028, 2, 28), 1, Unit.DAYS, date(2028, 2, 29)),
        (date(2027, 1, 1), 365, Unit.DAYS, date(2028, 1, 1)),
        (date(2027, 12, 29), 1, Unit.WEEKS, date(2028, 1, 5)),
    ],
)
def test_add_period(start, number, unit, expected):
    assert add_period(start, number, unit) == expected


@pytest.mark.parametrize(
    ("start", "number", "unit", "expected"),
    [
        (date(2027, 3, 31), 1, Unit.MONTHS, date(2027, 2, 28)),
        (date(2028, 3, 31), 1, Unit.MONTHS, date(2028, 2, 29)),
        (date(2028, 1, 15), 2, Unit.MONTHS, date(2027, 11, 15)),
        (date(2029, 2, 28), 1, Unit.YEARS, date(2028, 2, 28)),
        (date(2028, 2, 29), 1, Unit.YEARS, date(2027, 2, 28)),
        (date(2027, 1, 1), 365, Unit.DAYS, date(2026, 1, 1)),
        (date(2027, 1, 5), 1, Unit.WEEKS, date(2026, 12, 29)),
    ],
)
def test_subtract_period_is_add_period_backwards(start, number, unit, expected):
    assert subtract_period(start, number, unit) == expected
    assert add_period(start, -number, unit) == expected


@pytest.mark.parametrize(
    ("start", "number", "unit", "last_day"),
    [
        (date(2027, 3, 1), 7, Unit.DAYS, date(2027, 3, 7)),
        (date(2027, 3, 1), 1, Unit.DAYS, date(2027, 3, 1)),
        (date(2027, 3, 1), 2, Unit.WEEKS, date(2027, 3, 14)),
        (date(2027, 1, 31), 1, Unit.MONTHS, date(2027, 2, 28)),  # "1 month" from 31 Jan ends on 28 Feb
        (date(2028, 1, 31), 1, Unit.MONTHS, date(2028, 2, 29)),
        (date(2027, 1, 15), 1, Unit.MONTHS, date(2027, 2, 14)),
        (date(2027, 2, 1), 1, Unit.MONTHS, date(2027, 2, 28)),
        (date(2027, 3, 1), 6, Unit.MONTHS, date(2027, 8, 31)),
        (date(2027, 7, 1), 6, Unit.MONTHS, date(2027, 12, 31)),  # ends on a year end
        (date(2028, 2, 29), 1, Unit.YEARS, date(2029, 2, 28)),  # "1 year" from 29 Feb 2028
        (date(2027, 1, 1), 1, Unit.YEARS, date(2027, 12, 31)),
    ],
)
def test_period_last_day(start, number, unit, last_day):
    assert period_last_day(start, number, unit) == last_day


@pytest.mark.django_db
def test_working_days_differ_from_calendar_days():
    system = LibrarySystemFactory(opening_days=MONDAY_TO_FRIDAY_MASK)
    HolidayFactory(system=system, date=date(2026, 11, 26))
    monday = date(2026, 11, 23)
    assert add_period(monday, 5, Unit.DAYS) == date(2026, 11, 28)
    assert add_period(monday, 5, Unit.WORKING_DAYS, system=system) == date(2026, 12, 1)
    assert subtract_period(date(2026, 12, 1), 5, Unit.WORKING_DAYS, system=system) == monday
    assert period_last_day(monday, 5, Unit.WORKING_DAYS, system=system) == date(2026, 11, 30)
    with pytest.raises(ValueError):
        add_period(monday, 5, Unit.WORKING_DAYS)


@pytest.mark.django_db
def test_a_period_counts_from_the_library_systems_own_today():
    system = LibrarySystemFactory(time_zone="America/Chicago")
    # 03:00 UTC on 1 Feb is still 31 Jan in Chicago: "1 month" from there ends on 28 Feb, not 28 Feb + 1 day
    today = today_in(system, datetime(2027, 2, 1, 3, 0, tzinfo=UTC))
    assert today == date(2027, 1, 31)
    assert period_last_day(today, 1, Unit.MONTHS) == date(2027, 2, 28)
    assert period_last_day(date(2027, 2, 1), 1, Unit.MONTHS) == date(2027, 2, 28)
    assert add_period(today, 1, Unit.MONTHS) == date(2027, 2, 28)
