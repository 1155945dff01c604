"""The retention registry: every module declares its record types and the rule that governs them.

A record type says when its clock starts and which other records keep it (an exclusion still within its
period, an open appeal, an open case). The registry adds what is the same for all of them: the library's
schedule (`RetentionRule`, in calendar units), and legal holds on the record itself or on a person it names.
Each type gives its answer twice, once as a query (which records are due on a day) and once per record (the
day it falls due and why); a test checks on generated records that the two agree.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from patroncare.libraries.calendar import first_day_past, today_in

from .models import Action, LegalHold, RetentionRule


@dataclass(frozen=True)
class Due:
    """The day a record falls due (None: kept until something changes) and why."""

    on: date | None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordType:
    code: str
    model: type[Model]
    label: Promise
    # How the clock is worded in the schedule: "after the incident closes".
    clock: Promise
    default_keep: tuple[int, str]
    default_action: str
    # (schedule, as_of) -> the records whose period, and every period protecting them, has passed.
    due: Callable[["Schedule", date], QuerySet]
    # (schedule, record) -> the day the record falls due, and why.
    due_on: Callable[["Schedule", Model], Due]
    # (schedule, ids, action, moment) -> anonymise or delete those records, their files included.
    apply: Callable[["Schedule", list[int], str, datetime], None]
    actions: tuple[str, ...] = (Action.ANONYMISE, Action.DELETE)
    # ORM path from the record to the people it names: a hold on one of them keeps the record.
    people: str | None = None
    # system -> ids of the people that records of this type, not yet anonymised, still name.
    names: Callable[..., QuerySet] | None = None
    # A person's own record: held directly; its period is none of its own (it goes when nothing names it).
    is_person: bool = False
    # (system, text typed by a director) -> the record a legal hold is placed on, or None.
    lookup: Callable[..., Model | None] | None = None
    # One record's name in a list of holds: "Incident", "Person".
    noun: Promise | str = ""
    # ids -> how staff refer to those records, when not by number (a complaint's reference).
    references: Callable[[list[int]], dict[int, str]] | None = None
    # The smallest period an administrator may set, as (number, unit) counted from the same day.
    minimum: tuple[int, str] = (30, "days")
    # Earlier runs first: an exclusion goes before the incidents it cites, people last.
    order: int = 50
    extra: dict = field(default_factory=dict)


_types: dict[str, RecordType] = {}
HELD = _("on legal hold")
PERSON_HELD = _("a person it names is on legal hold")


def register(record_type: RecordType) -> RecordType:
    _types[record_type.code] = record_type
    return record_type


def record_types() -> list[RecordType]:
    return sorted(_types.values(), key=lambda kind: (kind.order, kind.code))


def record_types_by_code() -> dict[str, RecordType]:
    return dict(_types)


def record_type(code: str) -> RecordType:
    return _types[code]


def person_type() -> RecordType | None:
    return next((kind for kind in _types.values() if kind.is_person), None)


def holdable_types() -> list[RecordType]:
    return [kind for kind in record_types() if kind.lookup is not None]


class Schedule:
    """A library system's schedule as of now: its rules (the defaults where it has none) and its holds."""

    def __init__(self, system, as_of: date | None = None):
        self.system = system
        # The day the schedule is read for: today in the library, or the day a run or a dry run is for.
        self.as_of = as_of or today_in(system)
        self._rules = {rule.record_type: rule for rule in RetentionRule.objects.filter(system=system)}

    def rule(self, code: str) -> RetentionRule:
        found = self._rules.get(code)
        if found is None:
            kind = record_type(code)
            number, unit = kind.default_keep
            found = RetentionRule(
                system=self.system,
                record_type=code,
                keep_number=number,
                keep_unit=unit,
                action=kind.default_action,
            )
        return found

    def cutoff(self, code: str, as_of: date) -> date:
        return self.rule(code).cutoff(as_of)

    def cutoff_moment(self, code: str, as_of: date) -> datetime:
        """The first moment of the cutoff day in the library's time zone: a record stamped before it is past.

        Comparing timestamps with a moment (not their date) reads the library's day whatever the server's
        time zone when the query runs, and lets the database use the timestamp's index.
        """
        return datetime.combine(self.cutoff(code, as_of), time.min, tzinfo=self.system.zone)

    def due_after(self, code: str, start: date) -> date:
        """The first day a record whose clock started on `start` may go."""
        rule = self.rule(code)
        return first_day_past(start, rule.keep_number, rule.keep_unit)

    def held_ids(self, code: str) -> QuerySet:
        return LegalHold.objects.filter(
            system=self.system, record_type=code, released_at__isnull=True
        ).values("record_id")

    def is_held(self, code: str, pk: int) -> bool:
        return self.held_ids(code).filter(record_id=pk).exists()


def due_records(schedule: Schedule, kind: RecordType, as_of: date) -> QuerySet:
    """The records of `kind` that the schedule purges on `as_of`: the type's own rule, then the holds."""
    records = kind.due(schedule, as_of).exclude(pk__in=schedule.held_ids(kind.code))
    person = person_type()
    if kind.people and person is not None:
        records = records.exclude(**{f"{kind.people}__in": schedule.held_ids(person.code)})
    return records.distinct()


def due_of(schedule: Schedule, kind: RecordType, record: Model) -> Due:
    """The day one record falls due, with every protection (holds included) taken into account."""
    if schedule.is_held(kind.code, record.pk):
        return Due(None, (str(HELD),))
    person = person_type()
    if kind.people and person is not None:
        people = type(record).objects.filter(pk=record.pk).values_list(kind.people, flat=True)
        if schedule.held_ids(person.code).filter(record_id__in=[p for p in people if p]).exists():
            return Due(None, (str(PERSON_HELD),))
    return kind.due_on(schedule, record)


def by_number(model: type[Model], system, text: str, *, system_field: str = "system"):
    """The record of `system` that a director names by its number ("123" or "#123"), or None."""
    digits = text.strip().removeprefix("#")
    if not digits.isdigit():
        return None
    return model.objects.filter(**{system_field: system}, pk=int(digits)).first()


def records_naming(kind: RecordType, person_id: int) -> QuerySet:
    """The records of `kind` that name one person (none for a type that names nobody)."""
    if kind.is_person:
        return kind.model.objects.filter(pk=person_id)
    if not kind.people:
        return kind.model.objects.none()
    return kind.model.objects.filter(**{kind.people: person_id}).distinct()


def latest(dues: Iterable[Due]) -> Due:
    """Kept until the last of several protections lets it go; one that never ends keeps it indefinitely."""
    dues = list(dues)
    reasons = tuple(reason for due in dues for reason in due.reasons)
    if any(due.on is None for due in dues):
        return Due(None, reasons)
    return Due(max(due.on for due in dues), reasons)
