"""Complaints in the retention registry: the patron's name and contact, and what was written, are kept for the
library's period after the case closes; an open case (a review requested reopens it) keeps them all.

The case itself stays, without them: its category, branch, dates and outcome are the figures the library
reports on.
"""

from datetime import date, datetime

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.files import delete_after_commit
from patroncare.libraries.calendar import local_date
from patroncare.mailbox.retention import inbound_forget_for
from patroncare.retention.models import Action
from patroncare.retention.registry import Due, RecordType, Schedule, register

from .mailbox import SOURCE as MAILBOX_SOURCE
from .models import Attachment, CaseEntry, Complaint, ComplaintResponse, OutstandingAction, Status

COMPLAINT = "complaints.complaint"
REMOVED = "[removed under the retention schedule]"
MAILBOX_KEY = MAILBOX_SOURCE.key


def _due(schedule: Schedule, as_of: date) -> QuerySet:
    cutoff = schedule.cutoff_moment(COMPLAINT, as_of)
    return Complaint.objects.filter(
        system=schedule.system, anonymised_at__isnull=True, status=Status.CLOSED, closed_at__lt=cutoff
    )


def complaint_due(schedule: Schedule, complaint: Complaint) -> Due:
    if complaint.status != Status.CLOSED or complaint.closed_at is None:
        return Due(None, (_("the case is still open"),))
    closed = local_date(schedule.system, complaint.closed_at)
    rule = schedule.rule(COMPLAINT)
    reason = _("closed on %(day)s; kept %(number)s %(unit)s after") % {
        "day": closed.isoformat(),
        "number": rule.keep_number,
        "unit": _(rule.keep_unit),
    }
    return Due(schedule.due_after(COMPLAINT, closed), (reason,))


def _apply(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    attachments = Attachment.objects.filter(complaint_id__in=ids)
    delete_after_commit([attachment.file for attachment in attachments])
    attachments.delete()
    CaseEntry.objects.filter(complaint_id__in=ids).exclude(body="").update(body=REMOVED)
    ComplaintResponse.objects.filter(complaint_id__in=ids).update(
        reasons=REMOVED, remedy_detail=REMOVED, outstanding_summary=""
    )
    OutstandingAction.objects.filter(complaint_id__in=ids).update(description="-")
    # The patron's e-mails as received (their text and files) go with the case they reached.
    inbound_forget_for(source=MAILBOX_KEY, record_ids=ids)
    # The patron's name and contact live on their person record: the case lets go of it, and the schedule's
    # line for people anonymises the person once nothing else kept names them.
    Complaint.objects.filter(pk__in=ids).update(
        patron=None,
        narrative=REMOVED,
        desired_outcome="",
        staff_involved="",
        satisfaction_comment="",
        anonymised_at=moment,
        version=F("version") + 1,
    )


def _lookup(system, text: str):
    return (
        Complaint.objects.filter(system=system, reference__iexact=text.strip()).first()
        if text.strip()
        else None
    )


register(
    RecordType(
        model=Complaint,
        code=COMPLAINT,
        label=gettext_lazy("Complaints: the patron's name and contact, and what was written"),
        clock=gettext_lazy("after the case closes"),
        default_keep=(3, "years"),
        default_action=Action.ANONYMISE,
        actions=(Action.ANONYMISE,),
        due=_due,
        due_on=complaint_due,
        apply=_apply,
        people="patron",
        names=lambda system: Complaint.objects.filter(
            system=system, anonymised_at__isnull=True, patron__isnull=False
        ).values("patron_id"),
        lookup=_lookup,
        noun=gettext_lazy("Complaint"),
        references=lambda ids: dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "reference")),
        order=20,
    )
)
