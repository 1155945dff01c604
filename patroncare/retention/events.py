"""The retention schedule's lines in the audit trail: counts and codes only, never who."""

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record


def schedule_installed(*, system, actor=None):
    return audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        library_system_id=system.pk,
        summary="Retention schedule installed",
    )


def rule_changed(*, actor, rule, changes: dict):
    return audit_record(
        action=AuditAction.UPDATE, actor=actor, obj=rule, summary="Retention rule changed", changes=changes
    )


def records_purged(*, system, record_type: str, action: str, count: int):
    return audit_record(
        action=AuditAction.DELETE,
        library_system_id=system.pk,
        actor_label="retention schedule",
        summary=f"Retention: {action} {count} {record_type}",
        changes={"record_type": record_type, "action": action, "count": count},
    )


def hold_placed(*, actor, hold):
    return audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=hold,
        summary="Legal hold placed",
        changes={
            "record_type": hold.record_type,
            "record_id": hold.record_id,
            "review_on": str(hold.review_on),
        },
    )


def hold_released(*, actor, hold):
    return audit_record(action=AuditAction.UPDATE, actor=actor, obj=hold, summary="Legal hold released")
