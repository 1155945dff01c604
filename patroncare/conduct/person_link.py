"""A person's exclusions and their appeals, for their page and access request (patrons.extensions)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from patroncare.patrons.extensions import PersonRecords

from .models import Appeal, Exclusion
from .selectors import exclusions_visible_to

APPEALS = Prefetch("appeals", queryset=Appeal.objects.order_by("received_at", "id"))


def visible(user, person) -> list:
    """Their exclusions this user may already handle (exclusions_visible_to), each with its appeals."""
    return list(
        exclusions_visible_to(user=user)
        .filter(person=person)
        .select_related("branch")
        .prefetch_related(APPEALS)
        .order_by("-start_date", "-id")
    )


def export(person) -> list[dict]:
    exclusions = (
        Exclusion.objects.filter(person=person)
        .select_related("branch")
        .prefetch_related(APPEALS, "rules")
        .order_by("start_date", "id")
    )
    return [
        {
            "exclusion_id": exclusion.pk,
            "outcome": exclusion.outcome,
            "scope": exclusion.branch.name if exclusion.branch else "",
            "start_date": exclusion.start_date.isoformat(),
            "end_date": exclusion.end_date.isoformat() if exclusion.end_date else None,
            "conditions": exclusion.conditions,
            "rules": [str(rule) for rule in exclusion.rules.all()],
            "appeals": [
                {
                    "received_at": appeal.received_at.isoformat(),
                    "statement": appeal.statement,
                    "decision": appeal.decision,
                    "decision_reason": appeal.decision_reason,
                    "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
                }
                for appeal in exclusion.appeals.all()
            ],
        }
        for exclusion in exclusions
    ]


RECORDS = PersonRecords(
    key="exclusions",
    title=_("Exclusions and appeals"),
    template="conduct/_person_exclusions.html",
    visible=visible,
    export=export,
    position=30,
)
