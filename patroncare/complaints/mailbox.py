"""How a patron's e-mail reaches a case: the source complaints registers with the mailbox."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from patroncare.mailbox.registry import CaseSource

from .models import Channel, Complaint, EntryKind, Kind
from .models.case import NARRATIVE_MAX
from .selectors import complaint_get_for


def _complaint(record_id: int) -> Complaint:
    complaint = Complaint.objects.select_related("patron", "owner", "system").filter(pk=record_id).first()
    if complaint is None:
        raise ValidationError(_("This case is no longer kept."))
    return complaint


def patron_email(record_id: int) -> str:
    complaint = Complaint.objects.select_related("patron").filter(pk=record_id).first()
    return complaint.patron_email if complaint is not None else ""


def _files_line(attachments) -> str:
    if not attachments:
        return ""
    names = ", ".join(f"{a.original_name} ({filesizeformat(a.size)})" for a in attachments)
    return _("Files with this e-mail: %(names)s") % {"names": names}


def add_reply(record_id: int, text: str, attachments, mail) -> None:
    from .services import complaint_patron_reply

    complaint = _complaint(record_id)
    if complaint.anonymised_at is not None:
        raise ValidationError(_("This case was anonymised under the retention schedule."))
    body = "\n\n".join(part for part in (text.strip(), _files_line(attachments)) if part)
    complaint_patron_reply(complaint=complaint, body=body[:8000], by_email=True)


def start_case(*, system, sender, sender_name, text, language, submission_token, attachments, mail) -> int:
    from .services import complaint_submit_public
    from .services._common import add_entry

    complaint, _secret, created = complaint_submit_public(
        system=system,
        branch=None,
        kind=Kind.COMPLAINT,
        narrative=text[:NARRATIVE_MAX],
        patron_name=sender_name,
        patron_email=sender,
        patron_language=language if language in ("en", "es") else "en",
        submission_token=submission_token,
    )
    if created:
        Complaint.objects.filter(pk=complaint.pk).update(channel=Channel.EMAIL)
        if attachments:
            add_entry(complaint=complaint, kind=EntryKind.NOTE, body=_files_line(attachments))
    return complaint.pk


@transaction.atomic
def bounced(record_id: int, sent) -> None:
    from .services._common import add_entry
    from .services.notify import mail_staff

    complaint = Complaint.objects.select_related("owner").filter(pk=record_id).first()
    if complaint is None:
        return
    add_entry(
        complaint=complaint,
        kind=EntryKind.NOTE,
        body=_("The e-mail “%(subject)s” did not reach the patron (%(reason)s). Contact them another way.")
        % {"subject": sent.subject, "reason": sent.bounce_reason},
    )
    mail_staff(
        user=complaint.owner,
        complaint=complaint,
        subject_template="complaints/email/bounce_subject.txt",
        body_template="complaints/email/bounce_body.txt",
        kind="complaints.bounce",
    )


def reference(record_id: int) -> str:
    return Complaint.objects.filter(pk=record_id).values_list("reference", flat=True).first() or ""


def may_read(user, record_id: int) -> bool:
    from django.http import Http404

    try:
        complaint_get_for(user=user, pk=record_id)
    except Http404:
        return False
    return True


def url(record_id: int) -> str:
    return reverse("complaints:detail", args=[record_id])


SOURCE = CaseSource(
    key="complaints",
    patron_email=patron_email,
    add_reply=add_reply,
    start_case=start_case,
    bounced=bounced,
    reference=reference,
    may_read=may_read,
    url=url,
)
