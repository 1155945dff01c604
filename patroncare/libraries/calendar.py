"""Working-day arithmetic in a library system's own time zone.

A working day is one of the system's opening days that is not a system holiday and, when a branch is given,
one of the days that branch opens (its weekly opening hours, where it has them: a small branch may open
three days a week) not inside one of its closures. Deadlines are counted from the day after receipt, as
public-sector complaint codes do ("within 5 working days"), and fall at the end of the last day in the
system's time zone.
"""

import calendar as _gregorian
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Branch, Closure, Holiday, LibrarySystem, OpeningHours

_LOOKAHEAD_FACTOR = 3
_LOOKAHEAD_SLACK_DAYS = 60


class WorkingCalendar:
    """The closed days of one system (and optionally one branch) over a date range, loaded in two queries."""

    def __init__(self, *, system: LibrarySystem, first: date, last: date, branch: Branch | None = None):
        self.system = system
        self.first, self.last = first, last
        self.holidays = set(
            Holiday.objects.filter(system=system, date__range=(first, last)).values_list("date", flat=True)
        )
        self.closures: list[tuple[date, date]] = []
        self.branch_weekdays: frozenset[int] = frozenset()
        if branch is not None:
            self.branch_weekdays = frozenset(
                OpeningHours.objects.filter(branch=branch).values_list("weekday", flat=True)
            )
            self.closures = list(
                Closure.objects.filter(branch=branch, start_date__lte=last, end_date__gte=first).values_list(
                    "start_date", "end_date"
                )
            )

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def is_opening_weekday(self, weekday: int) -> bool:
        if self.branch_weekdays:
            return weekday in self.branch_weekdays
        return self.system.is_opening_weekday(weekday)

    def is_working_day(self, day: date) -> bool:
        if not self.is_opening_weekday(day.weekday()) or day in self.holidays:
            return False
        return not any(start <= day <= end for start, end in self.closures)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`, within the range this calendar covers."""
        return sum(self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def local_date(system: LibrarySystem, moment: datetime) -> date:
    return moment.astimezone(system.zone).date()


def today_in(system: LibrarySystem, now: datetime | None = None) -> date:
    """Today in the library system's time zone: the one clock "due", "overdue" and "in force" are read by."""
    return local_date(system, now or timezone.now())


def add_working_days(
    *,
    system: LibrarySystem,
    start: date,
    days: int,
    branch: Branch | None = None,
    calendar: WorkingCalendar | None = None,
) -> date:
    """The date `days` working days after `start` (which itself does not count).

    A caller counting from many dates passes one `calendar` loaded over all of them (see
    `working_day_deadlines`); it is reloaded only if the count runs past its end.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    horizon = days * _LOOKAHEAD_FACTOR + _LOOKAHEAD_SLACK_DAYS
    if calendar is None or not calendar.covers(start):
        calendar = WorkingCalendar(
            system=system, first=start, last=start + timedelta(days=horizon), branch=branch
        )
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if not calendar.covers(day):
            calendar = WorkingCalendar(
                system=system, first=day, last=day + timedelta(days=horizon), branch=branch
            )
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_day_deadline(
    *, system: LibrarySystem, received_at: datetime, days: int, branch: Branch | None = None
) -> datetime:
    """The aware moment a deadline of `days` working days expires: the end of its last day, local time."""
    last_day = add_working_days(
        system=system, start=local_date(system, received_at), days=days, branch=branch
    )
    return _end_of(system, last_day)


def working_day_deadlines(*, system: LibrarySystem, received: list[datetime], days: int) -> list[datetime]:
    """`working_day_deadline` for many moments of one system, with its closed days read once."""
    if not received:
        return []
    starts = [local_date(system, moment) for moment in received]
    horizon = days * _LOOKAHEAD_FACTOR + _LOOKAHEAD_SLACK_DAYS
    calendar = WorkingCalendar(system=system, first=min(starts), last=max(starts) + timedelta(days=horizon))
    return [
        _end_of(system, add_working_days(system=system, start=start, days=days, calendar=calendar))
        for start in starts
    ]


def _end_of(system: LibrarySystem, day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=system.zone) - timedelta(microseconds=1)


def working_days_between(
    *, system: LibrarySystem, start: date, end: date, branch: Branch | None = None
) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    if end <= start:
        return 0
    return WorkingCalendar(system=system, first=start, last=end, branch=branch).working_days_between(
        start, end
    )


def is_working_day(*, system: LibrarySystem, day: date, branch: Branch | None = None) -> bool:
    return WorkingCalendar(system=system, first=day, last=day, branch=branch).is_working_day(day)


def next_working_day(*, system: LibrarySystem, day: date, branch: Branch | None = None) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    return add_working_days(system=system, start=day - timedelta(days=1), days=1, branch=branch)


class Unit(models.TextChoices):
    """The units a library's published table counts time in ("for 1 month", "in the past 2 years")."""

    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


# The units that need no library system to count in (working days need its opening days and holidays).
CALENDAR_UNITS = (Unit.DAYS, Unit.WEEKS, Unit.MONTHS, Unit.YEARS)


def _add_months(start: date, months: int) -> tuple[date, bool]:
    """`start` moved by `months` calendar months, and whether its day was cut to the last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = _gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last)), start.day > last


def add_period(
    start: date, number: int, unit: str, *, system: LibrarySystem | None = None, branch: Branch | None = None
) -> date:
    """The date `number` units after `start` (before it when `number` is negative), in calendar arithmetic.

    A month from 31 January is the last day of February; a year from 29 February is 28 February. Working
    days need the `system` (and optionally the `branch`) whose opening days and holidays they count.
    """
    if unit == Unit.DAYS:
        return start + timedelta(days=number)
    if unit == Unit.WEEKS:
        return start + timedelta(weeks=number)
    if unit == Unit.MONTHS:
        return _add_months(start, number)[0]
    if unit == Unit.YEARS:
        return _add_months(start, 12 * number)[0]
    if unit == Unit.WORKING_DAYS:
        if system is None:
            raise ValueError("working days are counted in a library system")
        if number >= 0:
            return add_working_days(system=system, start=start, days=number, branch=branch)
        return _subtract_working_days(system=system, start=start, days=-number, branch=branch)
    raise ValueError(f"unknown unit {unit!r}")


def subtract_period(
    start: date, number: int, unit: str, *, system: LibrarySystem | None = None, branch: Branch | None = None
) -> date:
    """The date `number` units before `start`: a month before 31 March is 28 (or 29) February."""
    return add_period(start, -number, unit, system=system, branch=branch)


def first_day_past(start: date, number: int, unit: str) -> date:
    """The first day on which `start` lies more than `number` calendar units back.

    The inverse of the cutoff test `start < subtract_period(day, number, unit)`, found from that test itself
    so the two can never disagree: kept for 1 month from 31 January means kept through February, gone on
    1 March.
    """
    day = add_period(start, number, unit)
    while not start < subtract_period(day, number, unit):
        day += timedelta(days=1)
    while start < subtract_period(day - timedelta(days=1), number, unit):
        day -= timedelta(days=1)
    return day


def period_last_day(
    start: date, number: int, unit: str, *, system: LibrarySystem | None = None, branch: Branch | None = None
) -> date:
    """The last day of a period of `number` units that begins on (and counts) `start`.

    "7 days" from 1 March ends on 7 March; "1 month" from 15 January ends on 14 February, and from
    31 January, whose day February lacks, on the last day of February; "1 year" from 29 February 2028 ends
    on 28 February 2029. Working days count `start` when it is one.
    """
    if number < 1:
        raise ValueError("a period lasts at least one unit")
    if unit in (Unit.MONTHS, Unit.YEARS):
        moved, cut = _add_months(start, number * (12 if unit == Unit.YEARS else 1))
        return moved if cut else moved - timedelta(days=1)
    if unit == Unit.WORKING_DAYS:
        return add_period(start - timedelta(days=1), number, unit, system=system, branch=branch)
    return add_period(start, number, unit) - timedelta(days=1)


def _subtract_working_days(*, system: LibrarySystem, start: date, days: int, branch: Branch | None) -> date:
    horizon = days * _LOOKAHEAD_FACTOR + _LOOKAHEAD_SLACK_DAYS
    first = start - timedelta(days=horizon)
    calendar = WorkingCalendar(system=system, first=first, last=start, branch=branch)
    day, counted = start, 0
    while counted < days:
        day -= timedelta(days=1)
        if not calendar.covers(day):
            calendar = WorkingCalendar(
                system=system, first=day - timedelta(days=horizon), last=day, branch=branch
            )
        if calendar.is_working_day(day):
            counted += 1
    return day
