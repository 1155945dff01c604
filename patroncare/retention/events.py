"""Audit events of the retention schedule: codes, counts and record numbers only, never who."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Action as PurgeAction

RETENTION_SCHEDULE = "retention schedule"


class _RecordTypeLabels(Mapping):
    """Record type codes shown by their names, read from the registry when the trail is read."""

    def _labels(self) -> dict:
        from .registry import record_types

        return {kind.code: kind.noun or kind.label for kind in record_types()}

    def __getitem__(self, code):
        return self._labels()[code]

    def __iter__(self):
        return iter(self._labels())

    def __len__(self):
        return len(self._labels())


RECORD_TYPES = {"record_type": _RecordTypeLabels()}

SCHEDULE_INSTALLED = define(
    "retention.schedule_installed", Action.CREATE, _("Retention schedule installed with the defaults")
)
RULE_CHANGED = define(
    "retention.rule_changed", Action.UPDATE, _("Retention schedule: %(record_type)s changed")
)
RECORDS_PURGED = define(
    "retention.records_purged",
    Action.DELETE,
    _("Retention schedule (%(action)s): %(count)s of %(record_type)s"),
    choices={"action": PurgeAction, **RECORD_TYPES},
)
HOLD_PLACED = define(
    "retention.hold_placed",
    Action.CREATE,
    _("Legal hold placed on %(record_type)s #%(record_id)s, review on %(review_on)s"),
    choices=RECORD_TYPES,
)
HOLD_RELEASED = define(
    "retention.hold_released",
    Action.UPDATE,
    _("Legal hold released on %(record_type)s #%(record_id)s"),
    choices=RECORD_TYPES,
)
HOLD_MOVED = define(
    "retention.hold_moved",
    Action.UPDATE,
    _("Legal hold on person #%(removed)s follows the merge into person #%(kept)s"),
)


def schedule_installed(*, system, actor=None):
    return audit_event(SCHEDULE_INSTALLED, actor=actor, library_system_id=system.pk)


def rule_changed(*, actor, rule, changes: dict):
    return audit_event(
        RULE_CHANGED, actor=actor, obj=rule, params={"record_type": rule.record_type}, changes=changes
    )


def records_purged(*, system, record_type: str, action: str, count: int):
    return audit_event(
        RECORDS_PURGED,
        library_system_id=system.pk,
        actor_label=RETENTION_SCHEDULE,
        params={"record_type": record_type, "action": action, "count": count},
    )


def hold_placed(*, actor, hold):
    params = {"record_type": hold.record_type, "record_id": hold.record_id, "review_on": hold.review_on}
    return audit_event(HOLD_PLACED, actor=actor, obj=hold, params=params)


def hold_released(*, actor, hold):
    params = {"record_type": hold.record_type, "record_id": hold.record_id}
    return audit_event(HOLD_RELEASED, actor=actor, obj=hold, params=params)


def hold_moved(*, actor, hold, removed_id: int):
    return audit_event(
        HOLD_MOVED, actor=actor, obj=hold, params={"removed": removed_id, "kept": hold.record_id}
    )
