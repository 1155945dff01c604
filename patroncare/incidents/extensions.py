"""What the incidents app asks of the exclusions kept above it.

Incidents sit below exclusions: an exclusion cites incidents, an incident never imports the exclusions app.
Where a report must know about exclusions (a report about someone excluded now escalates; staff who may
exclude are offered "consider a consequence"; retention keeps what an exclusion still needs), the app that
keeps exclusions registers an `ExclusionLink` at start-up. Without one, incidents work on their own.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class ExclusionLink:
    # (system, branch, people) -> the exclusions in force today that cover the branch, for those people.
    in_force: Callable[..., list]
    # user -> may this person issue exclusions (offered "consider a consequence" on an incident)?
    may_exclude: Callable[..., bool]
    # (schedule, as_of) -> ids of incidents an exclusion still within its retention period cites.
    incidents_kept: Callable[..., QuerySet]
    # (schedule, as_of) -> ids of people an exclusion still within its retention period names.
    people_kept: Callable[..., QuerySet]
    # (schedule, incident) -> for each exclusion citing the incident or naming someone in it, when it lets go.
    incident_protections: Callable[..., list]
    # (system) -> ids of people a record of an exclusion (not anonymised) still names.
    people_named: Callable[..., QuerySet]


_registered: list[ExclusionLink] = []


def register_exclusions(link: ExclusionLink) -> None:
    _registered[:] = [link]


def exclusions() -> ExclusionLink | None:
    return _registered[0] if _registered else None


def exclusions_in_force(*, system, branch, people) -> list:
    link = exclusions()
    if link is None or not people:
        return []
    return link.in_force(system=system, branch=branch, people=people)


def may_exclude(user) -> bool:
    link = exclusions()
    return link is not None and link.may_exclude(user)
