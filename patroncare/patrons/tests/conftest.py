"""One person the library met three times: a complaint, an incident and an exclusion with its appeal, all at
the branch of the world's branch-scoped staff."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.conduct.models import Appeal
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.incidents.models import Involvement, InvolvementRole
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome


@dataclass
class Held:
    person: object
    complaint: object
    incident: object
    exclusion: object
    appeal: object


def hold_records_about(world, person, *, branch=None, reference="MIL-0001") -> Held:
    branch = branch or world.branch
    complaint = ComplaintFactory(
        branch=branch,
        reference=reference,
        patron=person,
        narrative="I was told the wrong closing time and waited outside in the rain.",
        recorded_by=world.users["frontline"],
    )
    incident = IncidentFactory(branch=branch, summary="Shouted at a patron at the computers", subject=person)
    today = today_in(world.system)
    exclusion = ExclusionFactory(
        system=world.system,
        person=person,
        branch=branch,
        outcome=Outcome.SUSPENSION,
        start_date=today - timedelta(days=3),
        end_date=today + timedelta(days=27),
        issued_by=world.users["supervisor"],
        incidents=[incident],
    )
    appeal = Appeal.objects.create(
        exclusion=exclusion,
        received_at=timezone.now(),
        statement="I was not the one shouting.",
        recorded_by=world.users["supervisor"],
    )
    return Held(person, complaint, incident, exclusion, appeal)


@pytest.fixture
def held(world) -> Held:
    person = PersonFactory(
        system=world.system,
        card_number="21000099",
        name="Robin Alvarez",
        email="robin.alvarez@example.net",
        phone="555-0101",
        language="es",
        description="",
    )
    return hold_records_about(world, person)


def involve(incident, person, role=InvolvementRole.WITNESS):
    return Involvement.objects.create(incident=incident, role=role, person=person)
