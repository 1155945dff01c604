"""The audit events of the patrons app, one helper each.

A summary never carries a person's name or contact: it names the record by its number only.
"""

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record


def person_merged(*, actor, kept, removed_id: int, moved: dict[str, int], values_from_removed: list[str]):
    return audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=kept,
        summary=f"Person #{removed_id} merged into person #{kept.pk}",
        changes={
            "merged_person_id": removed_id,
            "links_moved": moved,
            "values_from_merged": values_from_removed,
        },
    )


def person_corrected(*, actor, person, fields: list[str]):
    return audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=person,
        summary=f"Details of person #{person.pk} corrected",
        changes={"fields": fields},
    )


def person_erased(*, actor, person):
    return audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=person,
        summary=f"Identity of person #{person.pk} erased",
        changes={"erased": True},
    )


def person_exported(*, actor, person, file_format: str):
    return audit_record(
        action=AuditAction.EXPORT,
        actor=actor,
        obj=person,
        summary=f"Everything held about person #{person.pk} exported ({file_format})",
    )


def rights_request_recorded(*, actor, request):
    return audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=request,
        summary=f"Rights request #{request.pk} ({request.kind}) recorded",
    )


def rights_request_handled(*, actor, request):
    return audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=request,
        summary=f"Rights request #{request.pk} ({request.kind}) handled: {request.outcome}",
    )
