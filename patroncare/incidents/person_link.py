"""The incidents a person was involved in, for their page and their access request (patrons.extensions)."""

from django.utils.translation import gettext_lazy as _

from patroncare.patrons.extensions import PersonRecords

from .models import Involvement
from .selectors import incidents_visible_to


def visible(user, person) -> list:
    """Their involvements in the incidents this user may already read (incidents_visible_to)."""
    return list(
        Involvement.objects.filter(person=person, incident__in=incidents_visible_to(user=user))
        .select_related("incident", "incident__branch")
        .order_by("-incident__occurred_at", "-incident_id")
    )


def export(person) -> list[dict]:
    involvements = (
        Involvement.objects.filter(person=person)
        .select_related("incident", "incident__branch", "incident__location")
        .prefetch_related("incident__behaviours")
        .order_by("incident__occurred_at", "incident_id")
    )
    return [
        {
            "incident_id": involvement.incident_id,
            "role": involvement.role,
            "occurred_at": involvement.incident.occurred_at.isoformat(),
            "branch": involvement.incident.branch.name,
            "location": involvement.incident.location.name if involvement.incident.location else "",
            "level": involvement.incident.level,
            "summary": involvement.incident.summary,
            "narrative": involvement.incident.narrative,
            "behaviours": [b.behaviour for b in involvement.incident.behaviours.all()],
        }
        for involvement in involvements
    ]


RECORDS = PersonRecords(
    key="incidents",
    title=_("Incidents"),
    template="incidents/_person_incidents.html",
    visible=visible,
    export=export,
    position=20,
)
