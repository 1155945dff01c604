"""The complaints a person made, for their page and their access request (patrons.extensions)."""

from django.utils.translation import gettext_lazy as _

from patroncare.patrons.extensions import PersonRecords

from .models import Complaint
from .selectors import patron_visible_condition, visible_complaints


def visible(user, person) -> list:
    """Their cases this user may see the patron of (visible_complaints and permissions.can_see_patron):
    showing a case on a person's page tells who made it."""
    return list(
        visible_complaints(user=user)
        .filter(patron=person)
        .filter(patron_visible_condition(user=user))
        .select_related("branch", "category")
        .order_by("-received_at", "-id")
    )


def export(person) -> list[dict]:
    cases = (
        Complaint.objects.filter(patron=person)
        .select_related("branch", "category")
        .prefetch_related("entries")
        .order_by("received_at", "id")
    )
    return [
        {
            "reference": case.reference,
            "kind": case.kind,
            "channel": case.channel,
            "received_at": case.received_at.isoformat(),
            "branch": case.branch.name if case.branch else "",
            "category": case.category.name if case.category else "",
            "narrative": case.narrative,
            "desired_outcome": case.desired_outcome,
            "language": case.patron_language,
            "status": case.status,
            "outcome": case.outcome,
            "closed_at": case.closed_at.isoformat() if case.closed_at else None,
            "told_to_the_patron": [entry.body for entry in case.entries.all() if entry.for_patron],
        }
        for case in cases
    ]


RECORDS = PersonRecords(
    key="complaints",
    title=_("Complaints and feedback"),
    template="complaints/_person_complaints.html",
    visible=visible,
    export=export,
    position=10,
)
