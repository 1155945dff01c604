"""Reads of incidents, scoped to the reader's system, role and branches. Every view of one is audited."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.http import Http404
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import branch_ids_for
from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.libraries.selectors import scope_to_branches
from patroncare.training.material import (
    PRACTICE_WINDOW_DAYS,
    PracticeMaterial,
    clean,
    place_names,
    staff_names,
)

from .models import (
    CheckIn,
    Debrief,
    Draft,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    Level,
    Person,
    RetentionSettings,
)
from .permissions import PATTERN_ROLES, READING_ROLES, REPORTING_ROLES


def incidents_visible_to(*, user) -> QuerySet:
    """Incidents of the branches where the user reads incidents, plus those the user reported."""
    if not user.is_authenticated or not user.library_system_id:
        return Incident.objects.none()
    readable = scope_to_branches(Incident.objects.all(), user=user, roles=READING_ROLES)
    own = scope_to_branches(Incident.objects.filter(reported_by=user), user=user, roles=REPORTING_ROLES)
    return Incident.objects.filter(Q(pk__in=readable.values("pk")) | Q(pk__in=own.values("pk")))


def incident_list(*, user, branch_id=None, level="", behaviour="") -> QuerySet:
    incidents = (
        incidents_visible_to(user=user)
        .select_related("branch", "location")
        .prefetch_related(Prefetch("behaviours", queryset=IncidentBehaviour.objects.order_by("behaviour")))
    )
    if branch_id:
        incidents = incidents.filter(branch_id=branch_id)
    if level:
        incidents = incidents.filter(level=level)
    if behaviour:
        incidents = incidents.filter(behaviours__behaviour=behaviour)
    return incidents.order_by("-occurred_at", "-id")


def incident_get_for(*, user, pk: int, audit: bool = True) -> Incident:
    incident = (
        incidents_visible_to(user=user)
        .select_related("branch", "location", "reported_by", "system")
        .prefetch_related(
            "behaviours",
            "rules",
            "actions",
            "attachments",
            "follow_ups",
            "writing_flags",
            Prefetch("involvements", queryset=Involvement.objects.select_related("person", "staff_member")),
        )
        .filter(pk=pk)
        .first()
    )
    if incident is None:
        raise Http404
    if audit:
        audit_record(action=AuditAction.VIEW, actor=user, obj=incident, summary="Incident report read")
    return incident


def subjects_of(incident: Incident) -> list[Person]:
    return [i.person for i in incident.involvements.all() if i.role == InvolvementRole.SUBJECT and i.person]


def draft_for(*, user, key) -> Draft | None:
    if not key:
        return None
    try:
        return Draft.objects.filter(author=user, key=key).first()
    except Exception:  # a malformed key is simply no draft
        return None


def drafts_of(*, user) -> QuerySet:
    return Draft.objects.filter(author=user).order_by("-updated_at")[:5]


def recent_dangerous(*, user, days: int = 3) -> QuerySet:
    since = timezone.now() - timedelta(days=days)
    return scope_to_branches(
        Incident.objects.filter(level=Level.DANGEROUS, occurred_at__gte=since),
        user=user,
        roles=PATTERN_ROLES | {"security"},
    ).select_related("branch")


def checkins_due(*, user) -> QuerySet:
    return CheckIn.objects.filter(
        staff_member=user, answered_at__isnull=True, incident__system_id=user.library_system_id
    ).select_related("incident")


def checkin_get_for(*, user, pk: int) -> CheckIn:
    """A check-in is readable by the staff member it is for, and by whom they chose to share it with."""
    checkin = (
        CheckIn.objects.filter(pk=pk, incident__system_id=user.library_system_id)
        .filter(Q(staff_member=user) | Q(shared_with=user))
        .select_related("incident", "staff_member")
        .distinct()
        .first()
    )
    if checkin is None:
        raise Http404
    return checkin


def debriefs_due(*, user) -> QuerySet:
    return scope_to_branches(
        Debrief.objects.filter(held_on__isnull=True),
        user=user,
        roles=[Role.SUPERVISOR],
        branch_field="incident__branch",
    ).select_related("incident", "incident__branch")


def patterns(*, user, since) -> dict:
    """Counts by branch, location, hour and behaviour, and people involved at more than one branch."""
    incidents = scope_to_branches(
        Incident.objects.filter(occurred_at__gte=since, anonymised_at__isnull=True),
        user=user,
        roles=PATTERN_ROLES,
    )
    zone = user.library_system.zone
    by_branch = incidents.values("branch__name").annotate(n=Count("id")).order_by("-n", "branch__name")
    by_location = (
        incidents.filter(location__isnull=False)
        .values("branch__name", "location__name")
        .annotate(n=Count("id"))
        .order_by("-n")[:15]
    )
    by_hour = (
        incidents.annotate(hour=ExtractHour("occurred_at", tzinfo=zone))
        .values("hour")
        .annotate(n=Count("id"))
        .order_by("hour")
    )
    by_behaviour = (
        IncidentBehaviour.objects.filter(incident__in=incidents)
        .values("behaviour")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    repeat = (
        Person.objects.filter(
            involvements__incident__in=incidents, involvements__role=InvolvementRole.SUBJECT
        )
        .annotate(
            incident_count=Count("involvements__incident", distinct=True),
            branch_count=Count("involvements__incident__branch", distinct=True),
        )
        .filter(incident_count__gte=2)
        .order_by("-branch_count", "-incident_count")[:20]
    )
    return {
        "by_branch": list(by_branch),
        "by_location": list(by_location),
        "by_hour": list(by_hour),
        "by_behaviour": list(by_behaviour),
        "repeat": list(repeat),
        "total": incidents.count(),
    }


def pattern_branch_ids(user):
    return branch_ids_for(user, PATTERN_ROLES)


# Practice drafts: a trainer may turn a closed incident into a scenario without ever seeing the report.
def closed_incidents_for_practice(*, user) -> QuerySet:
    """Closed, not anonymised incidents of the user's system from the last two years: summary line only."""
    since = timezone.now() - timedelta(days=PRACTICE_WINDOW_DAYS)
    return (
        Incident.objects.filter(
            system_id=user.library_system_id,
            closed_at__isnull=False,
            closed_at__gte=since,
            anonymised_at=None,
        )
        .only("pk", "level", "occurred_at", "closed_at")
        .order_by("-closed_at")
    )


def incident_practice_material(*, user, pk: int) -> PracticeMaterial:
    """What the anonymiser needs from one closed incident. Reading it is audited."""
    incident = (
        Incident.objects.filter(pk=pk, pk__in=closed_incidents_for_practice(user=user).values("pk"))
        .select_related("system")
        .prefetch_related("involvements__person", "involvements__staff_member")
        .first()
    )
    if incident is None:
        raise Http404
    audit_record(
        action=AuditAction.VIEW,
        actor=user,
        obj=incident,
        summary="Narrative used for a practice draft, identifying details removed",
    )
    people = [involvement.person for involvement in incident.involvements.all() if involvement.person_id]
    colleagues = [i.staff_member.full_name for i in incident.involvements.all() if i.staff_member_id]
    return PracticeMaterial(
        title=incident.get_level_display(),
        narrative=incident.narrative,
        language="en",
        names=clean({*(person.name for person in people), *colleagues, *staff_names(incident.system)}),
        places=clean(place_names(incident.system)),
        card_numbers=clean(person.card_number for person in people),
    )


def retention_settings_for(*, user) -> RetentionSettings:
    """The system's retention schedule, or the default one (unsaved) until an administrator saves it."""
    found = RetentionSettings.objects.filter(system_id=user.library_system_id).first()
    return found or RetentionSettings(system_id=user.library_system_id)
