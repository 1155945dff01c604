from django.core.exceptions import ValidationError

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
    data: dict | None = None,
) -> CaseEntry:
    """`data` holds codes the entry's words are rendered from when read (CaseEntry.data); `body` what a
    person typed."""
    entry = CaseEntry(
        complaint=complaint,
        kind=kind,
        body=body,
        data=data or {},
        author=author,
        for_patron=for_patron,
        channel=channel,
        stage=complaint.stage,
    )
    entry.full_clean()
    entry.save()
    return entry


PATRON_LABEL = "patron (status page)"  # who the audit trail names for what a patron does on the status page
mail_later = send_after_commit


def require(condition: bool, message) -> None:
    if not condition:
        raise ValidationError(message)
