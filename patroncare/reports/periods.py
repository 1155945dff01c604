"""The period a dashboard or a report covers, and the two it is compared with.

Periods are calendar units in the library system's time zone: a month, a quarter or a year runs from the
first moment of its first local day to the first moment of the day after its last, so a complaint received
at 23:30 on 31 March in the library's time belongs to March whatever the server's clock says. Comparisons are
the period just before, of the same length in calendar units (the previous month, quarter or year; for a
custom range, the same number of days just before), and the same period one year earlier (29 February
compares with 28 February).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _


class Kind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"
    ALL = (MONTH, QUARTER, YEAR, CUSTOM)


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def bounds(self, time_zone: str) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: local midnight of the first day to that after the last day."""
        zone = ZoneInfo(time_zone)
        start = datetime.combine(self.first_day, time.min, tzinfo=zone)
        end = datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=zone)
        return start, end

    def previous(self) -> Period:
        if self.kind == Kind.MONTH:
            return month(*_shift_month(self.first_day.year, self.first_day.month, -1))
        if self.kind == Kind.QUARTER:
            if self.quarter > 1:
                return quarter(self.first_day.year, self.quarter - 1)
            return quarter(self.first_day.year - 1, 4)
        if self.kind == Kind.YEAR:
            return year(self.first_day.year - 1)
        last = self.first_day - timedelta(days=1)
        return Period(Kind.CUSTOM, last - timedelta(days=self.days - 1), last)

    def last_year(self) -> Period:
        return Period(self.kind, _year_earlier(self.first_day), _year_earlier(self.last_day))

    @property
    def quarter(self) -> int:
        return (self.first_day.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.kind == Kind.MONTH:
            return date_format(self.first_day, "YEAR_MONTH_FORMAT")
        if self.kind == Kind.QUARTER:
            return _("Quarter %(number)s %(year)s") % {"number": self.quarter, "year": self.first_day.year}
        if self.kind == Kind.YEAR:
            return str(self.first_day.year)
        return _("%(first)s to %(last)s") % {
            "first": date_format(self.first_day, "SHORT_DATE_FORMAT"),
            "last": date_format(self.last_day, "SHORT_DATE_FORMAT"),
        }

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches (the trend lines' points)."""
        found, day = [], self.first_day.replace(day=1)
        while day <= self.last_day:
            found.append(day)
            day = date(*_shift_month(day.year, day.month, 1), 1)
        return found

    def query(self) -> str:
        """The period as the dashboard's query string."""
        if self.kind == Kind.CUSTOM:
            return f"period=custom&first={self.first_day.isoformat()}&last={self.last_day.isoformat()}"
        if self.kind == Kind.MONTH:
            return f"period=month&year={self.first_day.year}&number={self.first_day.month}"
        if self.kind == Kind.QUARTER:
            return f"period=quarter&year={self.first_day.year}&number={self.quarter}"
        return f"period=year&year={self.first_day.year}"


def _shift_month(year_: int, month_: int, by: int) -> tuple[int, int]:
    index = year_ * 12 + (month_ - 1) + by
    return index // 12, index % 12 + 1


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the year before has none, so its last day of February
        return day.replace(year=day.year - 1, day=28)


def month(year_: int, number: int) -> Period:
    first = date(year_, number, 1)
    following = date(*_shift_month(year_, number, 1), 1)
    return Period(Kind.MONTH, first, following - timedelta(days=1))


def quarter(year_: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise ValueError("a quarter is numbered 1 to 4")
    first = date(year_, 3 * number - 2, 1)
    following = date(*_shift_month(year_, 3 * number - 2, 3), 1)
    return Period(Kind.QUARTER, first, following - timedelta(days=1))


def year(year_: int) -> Period:
    return Period(Kind.YEAR, date(year_, 1, 1), date(year_, 12, 31))


def custom(first_day: date, last_day: date) -> Period:
    if last_day < first_day:
        raise ValueError("the last day comes before the first")
    return Period(Kind.CUSTOM, first_day, last_day)


def containing(kind: str, day: date) -> Period:
    """The month, quarter or year that holds `day`."""
    if kind == Kind.MONTH:
        return month(day.year, day.month)
    if kind == Kind.QUARTER:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return year(day.year)
