"""Reads of mail from patrons, scoped to the reader; one the reader may not see is 404 like a missing one."""

from django.db.models import Count
from django.http import Http404

from .models import InboundMail, InboundStatus, SentMail
from .permissions import can_read_mail, can_review_mail


def review_queue_for(*, user):
    """What waits for review in the reader's library system, oldest first."""
    if not can_review_mail(user):
        return InboundMail.objects.none()
    return (
        InboundMail.objects.filter(system_id=user.library_system_id, status=InboundStatus.REVIEW)
        .annotate(file_count=Count("attachments"))
        .order_by("received_at", "id")
    )


def inbound_get_for(*, user, pk: int) -> InboundMail:
    mail = InboundMail.objects.filter(pk=pk, system_id=user.library_system_id).first()
    if mail is None or not can_read_mail(user, mail):
        raise Http404
    return mail


def sent_mail_of(*, source: str, record_id: int):
    """What was sent about a record, with whether it bounced (newest first)."""
    return SentMail.objects.filter(source=source, record_id=record_id).order_by("-sent_at", "-id")
