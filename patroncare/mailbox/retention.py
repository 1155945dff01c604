"""Mail from patrons in the retention registry.

An e-mail kept as received (the raw message, its text and its files) has one of two fates:
- one that reached a case (added to it, or starting it, by itself or from the review queue) belongs to the
  case: it goes when the case's own line of the schedule anonymises it (`inbound_forget_for`, called by the
  module the case belongs to), so an open case, or a legal hold on it, keeps it too;
- the rest (delivery failures, mail discarded in the review queue) has its own line, counted from the day it
  came in or was discarded. Mail still waiting in the review queue is never due: nothing a patron sent is
  lost before a person has looked at it.
"""

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.files import delete_after_commit
from patroncare.libraries.calendar import local_date
from patroncare.retention.models import Action
from patroncare.retention.registry import Due, RecordType, Schedule, register

from .models import InboundAttachment, InboundMail, InboundStatus

INBOUND = "mailbox.inbound"
REMOVED = "[removed under the retention schedule]"
# Not tied to any case: what the mailbox keeps on its own account.
OWN = (InboundStatus.BOUNCE, InboundStatus.DISCARDED)


def _not_yet_emptied() -> Q:
    return ~Q(raw="")


def _inbound_due(schedule: Schedule, as_of: date) -> QuerySet:
    cutoff = schedule.cutoff_moment(INBOUND, as_of)
    return (
        InboundMail.objects.filter(system=schedule.system, status__in=OWN)
        .filter(_not_yet_emptied())
        .alias(clock=Coalesce("decided_at", "received_at"))
        .filter(clock__lt=cutoff)
    )


def inbound_due(schedule: Schedule, mail: InboundMail) -> Due:
    if mail.status not in OWN:
        if mail.status == InboundStatus.REVIEW:
            return Due(None, (_("it waits in the review queue"),))
        return Due(None, (_("it belongs to its case, and goes with it"),))
    day = local_date(schedule.system, mail.decided_at or mail.received_at)
    reason = (
        _("discarded on %(day)s") if mail.status == InboundStatus.DISCARDED else _("received on %(day)s")
    ) % {"day": day.isoformat()}
    return Due(schedule.due_after(INBOUND, day), (reason,))


def _empty(mails: QuerySet) -> None:
    """Remove what the messages say and who sent them, and their files; the row keeps when and what
    happened to it."""
    ids = list(mails.values_list("pk", flat=True))
    attachments = InboundAttachment.objects.filter(mail_id__in=ids)
    raws = InboundMail.objects.filter(pk__in=ids).exclude(raw="")
    delete_after_commit([mail.raw for mail in raws] + [attachment.file for attachment in attachments])
    attachments.delete()
    InboundMail.objects.filter(pk__in=ids).update(raw="", text=REMOVED, subject="", sender="", detail="")


def _apply_inbound(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    mails = InboundMail.objects.filter(pk__in=ids)
    if action == Action.DELETE:
        delete_after_commit(
            [mail.raw for mail in mails]
            + [attachment.file for attachment in InboundAttachment.objects.filter(mail_id__in=ids)]
        )
        mails.delete()
        return
    _empty(mails)


def inbound_forget_for(*, source: str, record_ids: list[int]) -> int:
    """The case a patron's mail reached is anonymised under its own line: the mail as received goes with it.
    Returns how many messages were emptied."""
    mails = InboundMail.objects.filter(source=source, record_id__in=record_ids).filter(_not_yet_emptied())
    count = mails.count()
    _empty(mails)
    return count


register(
    RecordType(
        code=INBOUND,
        model=InboundMail,
        label=gettext_lazy("E-mails from patrons that reached no case (delivery failures, discarded mail)"),
        clock=gettext_lazy("after it came in, or was discarded; mail that reached a case goes with the case"),
        default_keep=(12, "months"),
        default_action=Action.DELETE,
        due=_inbound_due,
        due_on=inbound_due,
        apply=_apply_inbound,
        order=40,
    )
)
