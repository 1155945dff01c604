"""Incident records in the retention registry.

An incident is kept for the library's period after its last related event (it closed, or else happened, or a
follow-up was done), and longer while an exclusion still needs it (see `extensions.ExclusionLink`) or a
follow-up is open. Check-ins and debriefs, drafts, and people have their own lines of the schedule.
"""

from datetime import date, datetime

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.files import delete_after_commit
from patroncare.libraries.calendar import local_date
from patroncare.retention.models import Action
from patroncare.retention.registry import Due, RecordType, Schedule, by_number, latest, register

from . import extensions
from .models import Attachment, CheckIn, Debrief, Draft, FollowUp, Incident, WritingFlag

INCIDENT = "incidents.incident"
CHECK_IN = "incidents.checkin"
DEBRIEF = "incidents.debrief"
DRAFT = "incidents.draft"
REMOVED = "[removed under the retention schedule]"


def _open_follow_up() -> Exists:
    return Exists(FollowUp.objects.filter(incident=OuterRef("pk"), done_at__isnull=True))


def _incidents_due(schedule: Schedule, as_of: date) -> QuerySet:
    # The library's day, not the server's: an incident closed at 22:30 in Chicago closed that day.
    cutoff = schedule.cutoff_moment(INCIDENT, as_of)
    closed = Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, occurred_at__lt=cutoff)
    done_since = Exists(FollowUp.objects.filter(incident=OuterRef("pk"), done_at__gte=cutoff))
    incidents = (
        Incident.objects.filter(system=schedule.system, anonymised_at__isnull=True)
        .filter(closed)
        .exclude(_open_follow_up())
        .exclude(done_since)
    )
    link = extensions.exclusions()
    if link is not None:
        incidents = incidents.exclude(pk__in=link.incidents_kept(schedule=schedule, as_of=as_of)).exclude(
            involvements__person__in=link.people_kept(schedule=schedule, as_of=as_of)
        )
    return incidents


def _last_event(incident: Incident) -> date:
    system = incident.system
    days = [local_date(system, incident.closed_at or incident.occurred_at)]
    done = incident.follow_ups.aggregate(last=Max("done_at"))["last"]
    if done is not None:
        days.append(local_date(system, done))
    return max(days)


def incident_due(schedule: Schedule, incident: Incident) -> Due:
    if incident.follow_ups.filter(done_at__isnull=True).exists():
        return Due(None, (_("a follow-up is still open"),))
    last = _last_event(incident)
    rule = schedule.rule(INCIDENT)
    own = Due(
        schedule.due_after(INCIDENT, last),
        (
            _("last event on %(day)s; kept %(number)s %(unit)s after")
            % {"day": last.isoformat(), "number": rule.keep_number, "unit": _(rule.keep_unit)},
        ),
    )
    link = extensions.exclusions()
    protections = link.incident_protections(schedule=schedule, incident=incident) if link else []
    return latest([own, *protections])


def _apply_incidents(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    attachments = Attachment.objects.filter(incident_id__in=ids)
    delete_after_commit([attachment.file for attachment in attachments])
    if action == Action.DELETE:
        Incident.objects.filter(pk__in=ids).delete()
        return
    attachments.delete()
    Incident.objects.filter(pk__in=ids).update(
        narrative=REMOVED,
        summary=REMOVED[:150],
        injuries="",
        damage="",
        anonymised_at=moment,
        version=F("version") + 1,
    )
    WritingFlag.objects.filter(incident_id__in=ids).update(term="", suggestion="")
    # A follow-up's wording may name someone: only that there was one, and when it was done, is kept.
    FollowUp.objects.filter(incident_id__in=ids).update(description="-", done_note="")
    Debrief.objects.filter(incident_id__in=ids).update(notes="")
    CheckIn.objects.filter(incident_id__in=ids).update(would_like="")


def _people_named(system) -> QuerySet:
    """People an incident not yet anonymised still names."""
    return Incident.objects.filter(
        system=system, anonymised_at__isnull=True, involvements__person__isnull=False
    ).values("involvements__person")


# Check-ins and debriefs: the well-being answers and what was learned, counted from the day they were due.
def _check_ins_due(schedule: Schedule, as_of: date) -> QuerySet:
    return CheckIn.objects.filter(
        incident__system=schedule.system, due_on__lt=schedule.cutoff(CHECK_IN, as_of)
    )


def check_in_due(schedule: Schedule, check_in: CheckIn) -> Due:
    return Due(
        schedule.due_after(CHECK_IN, check_in.due_on), (_("due on %(day)s") % {"day": check_in.due_on},)
    )


def _apply_check_ins(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    CheckIn.objects.filter(pk__in=ids).delete()


def _debriefs_due(schedule: Schedule, as_of: date) -> QuerySet:
    cutoff = schedule.cutoff(DEBRIEF, as_of)
    return (
        Debrief.objects.filter(incident__system=schedule.system)
        .exclude(notes="")
        .filter(Q(held_on__lt=cutoff) | Q(held_on__isnull=True, due_on__lt=cutoff))
    )


def debrief_due(schedule: Schedule, debrief: Debrief) -> Due:
    day = debrief.held_on or debrief.due_on
    return Due(schedule.due_after(DEBRIEF, day), (_("held or due on %(day)s") % {"day": day},))


def _apply_debriefs(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    # That a debrief was held, and when, is a figure the board sees; only what was said goes.
    Debrief.objects.filter(pk__in=ids).update(notes="")


def _drafts_due(schedule: Schedule, as_of: date) -> QuerySet:
    cutoff = schedule.cutoff_moment(DRAFT, as_of)
    return Draft.objects.filter(author__library_system=schedule.system, updated_at__lt=cutoff)


def draft_due(schedule: Schedule, draft: Draft) -> Due:
    day = local_date(schedule.system, draft.updated_at)
    return Due(schedule.due_after(DRAFT, day), (_("last saved on %(day)s") % {"day": day},))


def _apply_drafts(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    Draft.objects.filter(pk__in=ids).delete()


register(
    RecordType(
        code=INCIDENT,
        model=Incident,
        label=gettext_lazy("Incident reports"),
        clock=gettext_lazy("after the incident's last event (closed, or happened, or a follow-up done)"),
        default_keep=(3, "years"),
        default_action=Action.ANONYMISE,
        due=_incidents_due,
        due_on=incident_due,
        apply=_apply_incidents,
        people="involvements__person",
        names=_people_named,
        lookup=lambda system, text: by_number(Incident, system, text),
        noun=gettext_lazy("Incident"),
        order=20,
    )
)
register(
    RecordType(
        code=CHECK_IN,
        model=CheckIn,
        label=gettext_lazy("Well-being check-ins"),
        clock=gettext_lazy("after the day the check-in was due"),
        default_keep=(12, "months"),
        default_action=Action.DELETE,
        actions=(Action.DELETE,),
        due=_check_ins_due,
        due_on=check_in_due,
        apply=_apply_check_ins,
        order=30,
    )
)
register(
    RecordType(
        code=DEBRIEF,
        model=Debrief,
        label=gettext_lazy("Debrief notes"),
        clock=gettext_lazy("after the debrief was held (or due); the date held is kept"),
        default_keep=(12, "months"),
        default_action=Action.ANONYMISE,
        actions=(Action.ANONYMISE,),
        due=_debriefs_due,
        due_on=debrief_due,
        apply=_apply_debriefs,
        order=30,
    )
)
register(
    RecordType(
        code=DRAFT,
        model=Draft,
        label=gettext_lazy("Unsent incident report drafts"),
        clock=gettext_lazy("after the draft was last saved"),
        default_keep=(30, "days"),
        default_action=Action.DELETE,
        actions=(Action.DELETE,),
        due=_drafts_due,
        due_on=draft_due,
        apply=_apply_drafts,
        minimum=(1, "days"),
        order=30,
    )
)
