"""The exclusions app's answers to what incidents ask (see patroncare.incidents.extensions)."""

from datetime import date, datetime

from django.db.models import F, Q, QuerySet

from patroncare.incidents.extensions import ExclusionLink

from .models import Exclusion
from .permissions import can_handle_exclusions
from .selectors import exclusions_in_force


def _past_retention(*, system, cutoff: date) -> QuerySet:
    return Exclusion.objects.filter(system=system, anonymised_at__isnull=True).filter(
        Q(end_date__lt=cutoff) | Q(rescinded_at__date__lt=cutoff)
    )


def incidents_kept(*, system, cutoff: date) -> QuerySet:
    """Incidents cited by an exclusion in force, open-ended, or ended within the retention period."""
    recent = Exclusion.objects.filter(system=system).filter(
        Q(end_date__isnull=True, rescinded_at__isnull=True) | Q(end_date__gte=cutoff)
    )
    return Exclusion.incidents.through.objects.filter(exclusion__in=recent).values("incident_id")


def apply_retention(*, system, cutoff: date, moment: datetime, purge: bool) -> int:
    ids = list(_past_retention(system=system, cutoff=cutoff).values_list("pk", flat=True))
    if purge:
        Exclusion.objects.filter(pk__in=ids).delete()
    else:
        # The anonymisation is a change like any other: a page opened before it can no longer save over it.
        Exclusion.objects.filter(pk__in=ids).update(
            conditions="", guardian_name="", anonymised_at=moment, version=F("version") + 1
        )
    return len(ids)


def people_kept(*, system) -> QuerySet:
    return Exclusion.objects.filter(system=system, anonymised_at__isnull=True).values("person_id")


LINK = ExclusionLink(
    in_force=exclusions_in_force,
    may_exclude=can_handle_exclusions,
    incidents_kept=incidents_kept,
    apply_retention=apply_retention,
    people_kept=people_kept,
)
