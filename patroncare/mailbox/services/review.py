"""The review queue: mail that could not be trusted or placed, decided by a supervisor."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless

from .. import events
from ..models import InboundMail, InboundStatus
from ..permissions import can_decide_mail
from ..registry import NEW_CASE_SOURCE, source_for


def _locked(mail: InboundMail) -> InboundMail:
    return InboundMail.objects.select_for_update().get(pk=mail.pk)


def _decided(mail: InboundMail, *, actor, status: str) -> None:
    mail.status, mail.decided_by, mail.decided_at = status, actor, timezone.now()
    mail.full_clean()
    mail.save(update_fields=["status", "decided_by", "decided_at", "record_id", "source"])


@transaction.atomic
def inbound_release(*, actor, mail: InboundMail) -> InboundMail:
    """Add the text and the accepted files to the case the mail answers (the supervisor vouches for it)."""
    mail = _locked(mail)
    refuse_unless(can_decide_mail(actor, mail), _("Your role may not decide this e-mail."))
    source = source_for(mail.source) if mail.source else None
    if source is None or mail.record_id is None:
        raise ValidationError(_("This e-mail names no case. Start a new case from it, or discard it."))
    if not mail.text.strip():
        raise ValidationError(_("Nothing is left of this e-mail to add once its quoted history is removed."))
    source.add_reply(mail.record_id, mail.text, list(mail.attachments.all()), mail)
    _decided(mail, actor=actor, status=InboundStatus.RELEASED)
    events.mail_released(actor=actor, mail=mail)
    return mail


@transaction.atomic
def inbound_start_case(*, actor, mail: InboundMail) -> InboundMail:
    """Start a new case from the mail, through the same intake as the public form."""
    mail = _locked(mail)
    refuse_unless(can_decide_mail(actor, mail), _("Your role may not decide this e-mail."))
    if not mail.text.strip():
        raise ValidationError(_("Nothing is left of this e-mail to start a case with."))
    source = source_for(NEW_CASE_SOURCE)
    mail.record_id = source.start_case(
        system=mail.system,
        sender=mail.sender,
        sender_name="",
        text=mail.text,
        language="en",
        submission_token=uuid.uuid5(uuid.NAMESPACE_URL, mail.message_id),
        attachments=list(mail.attachments.all()),
        mail=mail,
    )
    mail.source = NEW_CASE_SOURCE
    _decided(mail, actor=actor, status=InboundStatus.RELEASED)
    events.mail_started(actor=actor, mail=mail)
    return mail


@transaction.atomic
def inbound_discard(*, actor, mail: InboundMail) -> InboundMail:
    """Spam or a forgery: it goes into no case. The message itself stays until the retention schedule."""
    mail = _locked(mail)
    refuse_unless(can_decide_mail(actor, mail), _("Your role may not decide this e-mail."))
    _decided(mail, actor=actor, status=InboundStatus.DISCARDED)
    events.mail_discarded(actor=actor, mail=mail)
    return mail
