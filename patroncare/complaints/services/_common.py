from django.core.exceptions import ValidationError
from django.db import transaction

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.core.tasks import send_email

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


def mail_later(*, subject: str, body: str, to: list[str]) -> None:
    """Queue an e-mail once the transaction commits, so nothing is sent for a change that rolled back."""
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to))


def require(condition: bool, message) -> None:
    if not condition:
        raise ValidationError(message)
