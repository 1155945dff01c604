"""The audit trail in the retention registry: its lines are deleted, in batches, once past their period.

Its events hold no personal data (codes, counts and ids), but a library's schedule still limits how long it
keeps who looked at what. The audit app sits below every domain, so its line is declared here.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.audit import maintenance
from patroncare.audit.models import AuditEvent
from patroncare.libraries.calendar import local_date

from .models import Action
from .registry import Due, RecordType, Schedule, register

AUDIT_TRAIL = "audit.auditevent"


def _due(schedule: Schedule, as_of: date) -> QuerySet:
    return AuditEvent.objects.filter(
        library_system=schedule.system, at__lt=schedule.cutoff_moment(AUDIT_TRAIL, as_of)
    )


def event_due(schedule: Schedule, event: AuditEvent) -> Due:
    day = local_date(schedule.system, event.at)
    return Due(schedule.due_after(AUDIT_TRAIL, day), (_("written on %(day)s") % {"day": day.isoformat()},))


def _apply(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    with transaction.atomic(), maintenance.window(f"retention schedule of system {schedule.system.pk}"):
        maintenance.delete_events(ids)


register(
    RecordType(
        code=AUDIT_TRAIL,
        model=AuditEvent,
        label=gettext_lazy("The audit trail (who viewed or changed what, and when)"),
        clock=gettext_lazy("after the event was written"),
        default_keep=(7, "years"),
        default_action=Action.DELETE,
        actions=(Action.DELETE,),
        due=_due,
        due_on=event_due,
        apply=_apply,
        minimum=(1, "years"),
        order=95,
    )
)
