"""Working-day arithmetic in a library system's own time zone.

A working day is one of the system's opening days that is not a system holiday and, when a branch is given,
one of the days that branch opens (its weekly opening hours, where it has them: a small branch may open
three days a week) not inside one of its closures. Deadlines are counted from the day after receipt, as
public-sector complaint codes do ("within 5 working days"), and fall at the end of the last day in the
system's time zone.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

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
    calendar = WorkingCalendar(system=system, first=start, last=end, branch=branch)
    return sum(calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def is_working_day(*, system: LibrarySystem, day: date, branch: Branch | None = None) -> bool:
    return WorkingCalendar(system=system, first=day, last=day, branch=branch).is_working_day(day)


def next_working_day(*, system: LibrarySystem, day: date, branch: Branch | None = None) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    return add_working_days(system=system, start=day - timedelta(days=1), days=1, branch=branch)
