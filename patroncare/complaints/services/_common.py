from django.core.exceptions import ValidationError

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.core.mail import send_after_commit

from ..models import CaseEntry, Complaint


def add_entry(
    *,
    complaint: Complaint,
    kind: str,
    body: str = "",
    author=None,
    for_patron: bool = False,
    channel: str = "",
) -> CaseEntry:
    entry = CaseEntry(
        complaint=complaint,
        kind=kind,
        body=body,
        author=author,
        for_patron=for_patron,
        channel=channel,
        stage=complaint.stage,
    )
    entry.full_clean()
    entry.save()
    return entry


def audit_change(*, actor, complaint: Complaint, summary: str, changes: dict | None = None, label: str = ""):
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=complaint,
        summary=summary,
        changes=changes,
        library_system_id=complaint.system_id,
        actor_label=label,
    )


PATRON_LABEL = "patron (status page)"  # who the audit trail names for what a patron does on the status page
mail_later = send_after_commit


def require(condition: bool, message) -> None:
    if not condition:
        raise ValidationError(message)
