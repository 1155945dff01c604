"""What the incidents app asks of the exclusions kept above it.

Incidents sit below exclusions: an exclusion cites incidents, an incident never imports the exclusions app.
Where a report must know about exclusions (a report about someone excluded now escalates; staff who may
exclude are offered "consider a consequence"; retention keeps what an exclusion still needs), the app that
keeps exclusions registers an `ExclusionLink` at start-up. Without one, incidents work on their own.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet


@dataclass(frozen=True)
class ExclusionLink:
    # (system, branch, people) -> the exclusions in force today that cover the branch, for those people.
    in_force: Callable[..., list]
    # user -> may this person issue exclusions (offered "consider a consequence" on an incident)?
    may_exclude: Callable[..., bool]
    # (system, cutoff) -> ids of incidents an exclusion not yet past the retention period still relies on.
    incidents_kept: Callable[..., QuerySet]
    # (system, cutoff, moment, purge) -> how many exclusions the retention run removed or anonymised.
    apply_retention: Callable[..., int]
    # (system) -> ids of people an exclusion still identifies.
    people_kept: Callable[..., QuerySet]


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


def retention_of_exclusions(*, system, cutoff: date, moment: datetime, purge: bool) -> int:
    link = exclusions()
    if link is None:
        return 0
    return link.apply_retention(system=system, cutoff=cutoff, moment=moment, purge=purge)
