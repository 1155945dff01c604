"""Audit events of imports: counts and codes only."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Kind

IMPORTED = define(
    "imports.imported",
    Action.CREATE,
    _("%(kind)s imported: %(created)s new, %(skipped)s known, %(failed)s failed, %(flagged)s flagged"),
    choices={"kind": Kind},
)
UNDONE = define("imports.undone", Action.DELETE, _("Import #%(run)s undone: %(removed)s records removed"))


def imported(*, actor, run):
    audit_event(
        IMPORTED,
        actor=actor,
        obj=run,
        params={
            "kind": run.kind,
            "created": run.created,
            "skipped": run.skipped,
            "failed": run.failed,
            "flagged": run.flagged,
        },
    )


def undone(*, actor, run, removed: int):
    audit_event(UNDONE, actor=actor, obj=run, params={"run": run.pk, "removed": removed})
