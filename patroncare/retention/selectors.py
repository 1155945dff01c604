"""Reads of the retention schedule: what each rule purges now and in the coming days, and the holds."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from patroncare.libraries.calendar import today_in

from . import registry
from .models import LegalHold, RetentionRule, RetentionRun

LOOK_AHEAD_DAYS = 30


@dataclass(frozen=True)
class ScheduleLine:
    kind: registry.RecordType
    rule: RetentionRule
    due_now: int
    due_soon: int  # more records falling due within the look-ahead, beyond those due now


def schedule_of(*, system, today: date | None = None) -> list[ScheduleLine]:
    """One line per record type, with its counts: two counting queries per type, whatever the records."""
    today = today or today_in(system)
    schedule = registry.Schedule(system)
    ahead = today + timedelta(days=LOOK_AHEAD_DAYS)
    lines = []
    for kind in registry.record_types():
        now = registry.due_records(schedule, kind, today).count()
        # People go once nothing names them: what falls due later depends on the other lines, not on a date.
        soon = 0 if kind.is_person else registry.due_records(schedule, kind, ahead).count() - now
        lines.append(
            ScheduleLine(kind=kind, rule=schedule.rule(kind.code), due_now=now, due_soon=max(soon, 0))
        )
    return lines


def rule_for(*, system, record_type: str) -> RetentionRule:
    return registry.Schedule(system).rule(record_type)


def recent_runs(*, system, limit: int = 12) -> QuerySet:
    return RetentionRun.objects.filter(system=system)[:limit]


@dataclass(frozen=True)
class HoldLine:
    hold: LegalHold
    kind_label: str
    reference: str
    review_due: bool


def holds_of(*, system, in_force: bool = True) -> list[HoldLine]:
    holds = LegalHold.objects.filter(system=system, released_at__isnull=in_force).select_related(
        "placed_by", "released_by"
    )
    if not in_force:
        holds = holds.order_by("-released_at")[:50]
    holds = list(holds)
    today = today_in(system)
    references = _references_of(holds)
    return [
        HoldLine(
            hold=hold,
            kind_label=_label_of(hold.record_type),
            reference=references.get((hold.record_type, hold.record_id), f"#{hold.record_id}"),
            review_due=hold.in_force and hold.review_on <= today,
        )
        for hold in holds
    ]


def _references_of(holds) -> dict[tuple[str, int], str]:
    """One query per record type that has references of its own, whatever the number of holds."""
    by_type: dict[str, list[int]] = {}
    for hold in holds:
        by_type.setdefault(hold.record_type, []).append(hold.record_id)
    found = {}
    for code, ids in by_type.items():
        kind = registry.record_types_by_code().get(code)
        if kind is not None and kind.references is not None:
            found.update({(code, pk): text for pk, text in kind.references(ids).items()})
    return found


def hold_get_for(*, system, pk: int) -> LegalHold:
    return LegalHold.objects.get(system=system, pk=pk)


def _label_of(code: str) -> str:
    kind = registry.record_types_by_code().get(code)
    return str(kind.noun or kind.label) if kind is not None else code


@dataclass(frozen=True)
class KeptRecord:
    kind: registry.RecordType
    record_id: int
    due: registry.Due


def kept_for_person(*, system, person_id: int, today: date | None = None) -> list[KeptRecord]:
    """What the library must still keep about one person today, each with the rule that keeps it.

    An erasure request is answered with this list: a record still within its period, tied to an open case or
    an appeal, or under a hold is kept; what is already due could be purged now.
    """
    today = today or today_in(system)
    schedule = registry.Schedule(system, as_of=today)
    kept = []
    for kind in registry.record_types():
        if kind.is_person:
            continue
        for record in registry.records_naming(kind, person_id):
            if getattr(record, "anonymised_at", None) is not None:
                continue
            due = registry.due_of(schedule, kind, record)
            if due.on is None or due.on > today:
                kept.append(KeptRecord(kind=kind, record_id=record.pk, due=due))
    person = registry.person_type()
    if person is not None and schedule.is_held(person.code, person_id):
        kept.append(
            KeptRecord(kind=person, record_id=person_id, due=registry.Due(None, (str(registry.HELD),)))
        )
    return kept


def record_due(*, system, record_type: str, record) -> registry.Due:
    """When one record falls due, and why (the explanation a dry run and a subject access request show)."""
    schedule = registry.Schedule(system)
    return registry.due_of(schedule, registry.record_type(record_type), record)
