"""Reads of incidents, scoped to the reader's system, role and branches. The views audit every read of one."""

from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import ExtractHour
from django.http import Http404
from django.utils import timezone

from patroncare.accounts.models import Role, User
from patroncare.accounts.permissions import branch_ids_for
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import Location
from patroncare.libraries.selectors import scope_to_branches
from patroncare.patrons.models import Person
from patroncare.training.material import (
    PRACTICE_WINDOW_DAYS,
    PracticeMaterial,
    clean,
    place_names,
    staff_names,
)

from .models import (
    AlertReceipt,
    AlertSettings,
    Attachment,
    CheckIn,
    Debrief,
    Draft,
    FollowUp,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    Level,
)
from .permissions import FOLLOW_UP_ROLES, PATTERN_ROLES, READING_ROLES, REPORTING_ROLES


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


def incident_get_for(*, user, pk: int) -> Incident:
    incident = (
        incidents_visible_to(user=user)
        .select_related("branch", "location", "reported_by", "system")
        .prefetch_related(
            "behaviours",
            "rules",
            "actions",
            "attachments",
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("assignee", "done_by")),
            Prefetch("alert_receipts", queryset=AlertReceipt.objects.select_related("recipient")),
            "writing_flags",
            Prefetch("involvements", queryset=Involvement.objects.select_related("person", "staff_member")),
        )
        .filter(pk=pk)
        .first()
    )
    if incident is None:
        raise Http404
    return incident


def attachment_get_for(*, user, pk: int) -> Attachment:
    """A file of an incident the user may read; anything else is a 404, exactly as a missing one."""
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment.incident = incident_get_for(user=user, pk=attachment.incident_id)
    return attachment


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


def _with_locations(rows: list[dict]) -> list[dict]:
    """Each row with its location, whose name the page shows in the reader's language (one query)."""
    places = Location.objects.in_bulk([row["location_id"] for row in rows])
    return [row | {"location": places.get(row["location_id"])} for row in rows]


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
        .values("branch__name", "location_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:15]
    )
    by_location = _with_locations(list(by_location))
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
        "by_location": by_location,
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
    """What the anonymiser needs from one closed incident (the view audits the read)."""
    incident = (
        Incident.objects.filter(pk=pk, pk__in=closed_incidents_for_practice(user=user).values("pk"))
        .select_related("system")
        .prefetch_related("involvements__person", "involvements__staff_member")
        .first()
    )
    if incident is None:
        raise Http404
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


# Follow-ups and alerts.
class FollowUpState:
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    ALL = (OPEN, OVERDUE, DONE)


def assignable_staff(*, incident: Incident) -> QuerySet:
    """Active staff who handle incidents at the incident's branch, or across its whole library system."""
    # One filter() call: the role and its branch must be the same assignment.
    return (
        User.objects.filter(
            Q(role_assignments__branch_id=incident.branch_id) | Q(role_assignments__branch__isnull=True),
            library_system_id=incident.system_id,
            is_active=True,
            role_assignments__role__in=REPORTING_ROLES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def follow_up_get_for(*, user, pk: int) -> FollowUp:
    """A follow-up is read by its assignee and by whoever may read its incident (`incident_readable`)."""
    readable = incidents_visible_to(user=user).filter(pk=OuterRef("incident_id"))
    follow_up = (
        FollowUp.objects.filter(pk=pk, incident__system_id=user.library_system_id)
        .annotate(incident_readable=Exists(readable))
        .select_related(
            "incident", "incident__branch", "incident__system", "assignee", "done_by", "created_by"
        )
        .first()
    )
    if follow_up is None or not (follow_up.assignee_id == user.pk or follow_up.incident_readable):
        raise Http404
    return follow_up


def follow_ups_supervised(
    *, user, branch_id=None, assignee_id=None, state: str = FollowUpState.OPEN
) -> QuerySet:
    """Follow-ups of the branches where the user is a supervisor or administrator, filtered."""
    follow_ups = scope_to_branches(
        FollowUp.objects.all(), user=user, roles=FOLLOW_UP_ROLES, branch_field="incident__branch"
    ).select_related("incident", "incident__branch", "assignee", "done_by")
    if branch_id:
        follow_ups = follow_ups.filter(incident__branch_id=branch_id)
    if assignee_id == "none":
        follow_ups = follow_ups.filter(assignee__isnull=True)
    elif assignee_id:
        follow_ups = follow_ups.filter(assignee_id=assignee_id)
    if state == FollowUpState.DONE:
        return follow_ups.filter(done_at__isnull=False).order_by("-done_at", "-id")
    follow_ups = follow_ups.filter(done_at__isnull=True)
    if state == FollowUpState.OVERDUE:
        follow_ups = follow_ups.filter(due_on__lt=today_in(user.library_system))
    return follow_ups.order_by(F("due_on").asc(nulls_last=True), "id")


def follow_up_assignee_choices(*, user) -> QuerySet:
    """Staff who may be given follow-ups at the branches the user supervises (the page's assignee filter)."""
    branch_ids = branch_ids_for(user, FOLLOW_UP_ROLES)
    scope = Q() if branch_ids is None else Q(role_assignments__branch_id__in=branch_ids)
    return (
        User.objects.filter(
            scope | Q(role_assignments__branch__isnull=True),
            library_system_id=user.library_system_id,
            is_active=True,
            role_assignments__role__in=REPORTING_ROLES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def follow_ups_assigned_to(*, user) -> QuerySet:
    return (
        FollowUp.objects.filter(
            assignee=user, done_at__isnull=True, incident__system_id=user.library_system_id
        )
        .select_related("incident", "incident__branch")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )


def desk_alerts(*, user, days: int = 3) -> QuerySet:
    """Dangerous incidents of the last days at the user's branches, and any alert still waiting for the
    user's acknowledgement; those waiting come first. Each row carries the user's own receipt, if any."""
    since = timezone.now() - timedelta(days=days)
    mine = AlertReceipt.objects.filter(incident=OuterRef("pk"), recipient=user)
    waiting = Exists(mine.filter(acknowledged_at__isnull=True))
    return (
        scope_to_branches(
            Incident.objects.filter(Q(level=Level.DANGEROUS, occurred_at__gte=since) | Q(waiting)),
            user=user,
            roles=PATTERN_ROLES | {Role.SECURITY},
        )
        .annotate(
            my_alert_sent_at=Subquery(mine.values("sent_at")[:1]),
            my_acknowledged_at=Subquery(mine.values("acknowledged_at")[:1]),
            awaiting=Case(When(waiting, then=1), default=0, output_field=IntegerField()),
        )
        .select_related("branch")
        .order_by("-awaiting", "-occurred_at")
    )


def alert_settings_for(*, user) -> AlertSettings:
    found = AlertSettings.objects.filter(system_id=user.library_system_id).first()
    return found or AlertSettings(system_id=user.library_system_id)
