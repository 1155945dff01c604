"""Records with hand-chosen dates, in the library's own time zone, for the retention tests."""

from datetime import date, datetime, time

from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.patrons.tests.factories import PersonFactory


def noon(system, day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=system.zone)


def incident_closed_on(world, day: date, *, person=None, **kwargs):
    moment = noon(world.system, day)
    incident = IncidentFactory(branch=world.branch, occurred_at=moment, subject=person, **kwargs)
    incident.closed_at = moment
    incident.save(update_fields=["closed_at"])
    return incident


def exclusion_ended_on(world, day: date | None, *, person, start: date, incidents=(), **kwargs):
    return ExclusionFactory(
        system=world.system,
        person=person,
        start_date=start,
        end_date=day,
        issued_by=world.users["supervisor"],
        incidents=list(incidents),
        **kwargs,
    )


def complaint_closed_on(world, day: date | None, **kwargs):
    if day is None:
        return ComplaintFactory(branch=world.branch, **kwargs)
    return ComplaintFactory(
        branch=world.branch, status="closed", closed_at=noon(world.system, day), judgement="one_off", **kwargs
    )


def person(world, **kwargs):
    return PersonFactory(system=world.system, **kwargs)
