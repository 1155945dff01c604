"""Writes of the retention schedule: the rules, legal holds, and the purge itself."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.concurrency import save_if_unchanged
from patroncare.libraries.calendar import add_period, today_in

from . import events, registry
from .models import LegalHold, RetentionRule, RetentionRun

BATCH_SIZE = 500


@transaction.atomic
def schedule_defaults_install(*, system, actor=None) -> None:
    """A new system's schedule: a rule per record type, the defaults, until an administrator changes them."""
    existing = set(RetentionRule.objects.filter(system=system).values_list("record_type", flat=True))
    missing = [kind for kind in registry.record_types() if kind.code not in existing and not kind.is_person]
    for kind in missing:
        number, unit = kind.default_keep
        RetentionRule.objects.create(
            system=system,
            record_type=kind.code,
            keep_number=number,
            keep_unit=unit,
            action=kind.default_action,
        )
    if missing:
        events.schedule_installed(system=system, actor=actor)


def _check_rule(rule: RetentionRule) -> None:
    kind = registry.record_type(rule.record_type)
    if rule.action not in kind.actions:
        raise ValidationError({"action": _("This record type cannot be purged that way.")})
    # The same day counted both ways: the period must reach at least as far as the smallest one allowed.
    start = date(2001, 1, 31)
    number, unit = kind.minimum
    if add_period(start, rule.keep_number, rule.keep_unit) < add_period(start, number, unit):
        raise ValidationError(
            {
                "keep_number": _("Keep these records for at least %(number)s %(unit)s.")
                % {"number": number, "unit": _(unit)}
            }
        )


@transaction.atomic
def retention_rule_update(
    *, actor, rule: RetentionRule, expected_version: int, keep_number: int, keep_unit: str, action: str
) -> RetentionRule:
    """Change one line of the schedule; a colleague's change saved since the page opened is kept."""
    before = {"keep_number": rule.keep_number, "keep_unit": rule.keep_unit, "action": rule.action}
    rule.keep_number, rule.keep_unit, rule.action = keep_number, keep_unit, action
    _check_rule(rule)
    if rule.pk is None:
        rule.full_clean()
        rule.save()
    else:
        save_if_unchanged(
            rule, expected_version=expected_version, fields=["keep_number", "keep_unit", "action"]
        )
    changes = {name: [old, getattr(rule, name)] for name, old in before.items() if old != getattr(rule, name)}
    if changes:
        events.rule_changed(actor=actor, rule=rule, changes=changes)
    return rule


@transaction.atomic
def legal_hold_place(
    *, actor, system, record_type: str, record_id: int, reason: str, review_on: date
) -> LegalHold:
    if LegalHold.objects.filter(
        system=system, record_type=record_type, record_id=record_id, released_at__isnull=True
    ).exists():
        raise ValidationError(_("This record is already on hold."))
    hold = LegalHold(
        system=system,
        record_type=record_type,
        record_id=record_id,
        reason=reason.strip(),
        review_on=review_on,
        placed_by=actor,
    )
    hold.full_clean()
    hold.save()
    events.hold_placed(actor=actor, hold=hold)
    return hold


@transaction.atomic
def legal_hold_release(*, actor, hold: LegalHold, note: str) -> LegalHold:
    # Read again under a lock: two directors releasing at once release once.
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise ValidationError(_("This hold was already released."))
    if not note.strip():
        raise ValidationError({"release_note": _("Say why the hold is released.")})
    hold.released_at, hold.released_by, hold.release_note = timezone.now(), actor, note.strip()
    hold.save(update_fields=["released_at", "released_by", "release_note"])
    events.hold_released(actor=actor, hold=hold)
    return hold


def holds_follow_merge(*, actor, kept, removed_id: int) -> None:
    """A legal hold on a person recorded twice stays on the record that is kept."""
    person = registry.person_type()
    if person is None:
        return
    holds = LegalHold.objects.filter(system=kept.system, record_type=person.code, released_at__isnull=True)
    moving = holds.filter(record_id=removed_id).first()
    if moving is None:
        return
    if holds.filter(record_id=kept.pk).exists():
        # One hold in force per record: the kept record's own hold stays, this one is closed with a note.
        moving.released_at, moving.released_by = timezone.now(), actor
        moving.release_note = _("Merged into person #%(pk)s, which is on hold too.") % {"pk": kept.pk}
        moving.save(update_fields=["released_at", "released_by", "release_note"])
    else:
        moving.record_id = kept.pk
        moving.save(update_fields=["record_id"])
    events.hold_moved(actor=actor, hold=moving, removed_id=removed_id)


@dataclass
class TypeReport:
    kind: registry.RecordType
    action: str
    ids: list[int] = field(default_factory=list)
    # The first records that go, each with the day it fell due and why (for a dry run's listing).
    explained: list[tuple[int, registry.Due]] = field(default_factory=list)


@dataclass
class RetentionReport:
    system: object
    as_of: date
    dry_run: bool
    types: list[TypeReport]
    run: RetentionRun | None = None

    @property
    def counts(self) -> dict[str, int]:
        return {report.kind.code: len(report.ids) for report in self.types}


def retention_apply(
    *,
    system,
    as_of: date | None = None,
    dry_run: bool = False,
    explain: int = 0,
    batch_size: int = BATCH_SIZE,
) -> RetentionReport:
    """Purge what the schedule says is due on `as_of` (today in the library), type by type, in batches.

    Each batch is its own transaction, so a long first run does not hold locks for minutes, and a run cut
    short leaves every record either purged or untouched. A dry run does the same inside one transaction
    and rolls it back, so it counts exactly what a run would (people whose last records go in the same run
    included) and changes nothing; files are only ever removed after a commit.
    """
    as_of = as_of or today_in(system)
    if not dry_run:
        return _apply(system, as_of, dry_run=False, explain=explain, batch_size=batch_size)
    with transaction.atomic():
        report = _apply(system, as_of, dry_run=True, explain=explain, batch_size=batch_size)
        transaction.set_rollback(True)
    return report


def _apply(system, as_of: date, *, dry_run: bool, explain: int, batch_size: int) -> RetentionReport:
    schedule = registry.Schedule(system, as_of=as_of)
    reports = []
    for kind in registry.record_types():
        rule = schedule.rule(kind.code)
        due = registry.due_records(schedule, kind, as_of)
        ids = list(due.order_by("pk").values_list("pk", flat=True))
        shown = kind.model.objects.filter(pk__in=ids[:explain]).order_by("pk")
        explained = [(record.pk, registry.due_of(schedule, kind, record)) for record in shown]
        reports.append(TypeReport(kind=kind, action=rule.action, ids=ids, explained=explained))
        if not ids:
            continue
        moment = timezone.now()
        for start in range(0, len(ids), batch_size):
            with transaction.atomic():
                kind.apply(schedule, ids[start : start + batch_size], rule.action, moment)
        events.records_purged(system=system, record_type=kind.code, action=rule.action, count=len(ids))
    report = RetentionReport(system=system, as_of=as_of, dry_run=dry_run, types=reports)
    if not dry_run:
        report.run = RetentionRun.objects.create(system=system, as_of=as_of, counts=report.counts)
    return report


def retention_apply_everywhere(*, as_of: date | None = None) -> list[RetentionReport]:
    from patroncare.libraries.models import LibrarySystem

    return [retention_apply(system=system, as_of=as_of) for system in LibrarySystem.objects.order_by("pk")]
