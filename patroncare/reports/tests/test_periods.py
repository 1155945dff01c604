"""Periods are calendar units in the library's time zone; comparisons land on the right days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from patroncare.reports import periods

pytestmark = pytest.mark.django_db(databases=[])


def test_a_month_ends_on_its_last_day_in_february_of_a_leap_year():
    february = periods.month(2028, 2)

    assert (february.first_day, february.last_day) == (date(2028, 2, 1), date(2028, 2, 29))
    assert february.previous() == periods.month(2028, 1)
    assert periods.month(2028, 1).previous() == periods.month(2027, 12)


def test_the_same_month_last_year_of_a_leap_february_ends_on_the_28th():
    last_year = periods.month(2028, 2).last_year()

    assert (last_year.first_day, last_year.last_day) == (date(2027, 2, 1), date(2027, 2, 28))


def test_quarters_follow_the_calendar_and_the_first_compares_with_the_last_of_the_year_before():
    first = periods.quarter(2026, 1)

    assert (first.first_day, first.last_day) == (date(2026, 1, 1), date(2026, 3, 31))
    assert first.previous() == periods.quarter(2025, 4)
    assert periods.quarter(2025, 4).last_day == date(2025, 12, 31)
    with pytest.raises(ValueError):
        periods.quarter(2026, 5)


def test_a_custom_period_compares_with_as_many_days_just_before():
    span = periods.custom(date(2026, 3, 1), date(2026, 3, 10))

    assert span.previous() == periods.custom(date(2026, 2, 19), date(2026, 2, 28))


def test_bounds_are_local_midnights_so_a_late_evening_belongs_to_its_local_day():
    start, end = periods.month(2026, 3).bounds("America/Chicago")

    assert start == datetime(2026, 3, 1, 6, 0, tzinfo=ZoneInfo("UTC"))  # CST is UTC-6
    assert end == datetime(2026, 4, 1, 5, 0, tzinfo=ZoneInfo("UTC"))  # CDT from 8 March is UTC-5


def test_a_year_has_twelve_months_for_its_trend():
    assert len(periods.year(2026).months()) == 12
    assert periods.quarter(2026, 2).months() == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
