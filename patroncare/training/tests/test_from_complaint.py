"""A trainer turns a closed complaint into a practice draft without opening the case file."""

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.complaints.models import Status
from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.training.models import ScenarioVersion

pytestmark = pytest.mark.django_db

NARRATIVE = (
    "Lena Morales said that Staff Member at Millbrook Branch told her on 3/14/2026 she had stolen a DVD. "
    "Her card 21234000123456 showed it returned."
)


def closed_complaint(branch, **kwargs):
    values = {
        "status": Status.CLOSED,
        "judgement": "one_off",
        "judgement_reason": "Coaching given",
        "closed_at": timezone.now(),
        "narrative": NARRATIVE,
    }
    return ComplaintFactory(branch=branch, **values | kwargs)


def test_a_trainer_starts_a_draft_from_a_closed_complaint_with_identities_removed(signed_in, world):
    complaint = closed_complaint(world.branch)
    trainer = world.users["trainer"]
    client = signed_in(trainer)
    page = client.get(reverse("training:case_draft")).content.decode()
    assert complaint.reference in page and "Lena Morales" not in page
    response = client.post(reverse("training:complaint_draft", args=[complaint.pk]))
    version = ScenarioVersion.objects.get()
    assert response.status_code == 302 and response.url == reverse("training:version", args=[version.pk])
    for identifying in ["Lena", "Morales", "Millbrook Branch", "21234000123456", "3/14/2026", "Staff Member"]:
        assert identifying not in version.source, identifying
    assert "DVD" in version.source
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_id=str(complaint.pk))
    assert event.actor == trainer


def test_open_complaints_are_not_offered_and_cannot_be_used(signed_in, world):
    complaint = ComplaintFactory(branch=world.branch)
    client = signed_in(world.users["trainer"])
    assert complaint.reference not in client.get(reverse("training:case_draft")).content.decode()
    assert client.post(reverse("training:complaint_draft", args=[complaint.pk])).status_code == 404
    assert not ScenarioVersion.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("frontline", 403), ("supervisor", 403), ("administrator", 403), ("other_system_admin", 403)],
)
def test_only_trainers_of_the_system_may_use_a_complaint(signed_in, world, role, status):
    complaint = closed_complaint(world.branch)
    response = signed_in(world.users[role]).post(reverse("training:complaint_draft", args=[complaint.pk]))
    assert response.status_code == status
    assert not ScenarioVersion.objects.exists()


def test_a_trainer_of_another_system_gets_404(signed_in, world):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory

    complaint = closed_complaint(world.branch)
    outsider = UserFactory(library_system=world.other_system, roles=[(Role.TRAINER, None)])
    response = signed_in(outsider).post(reverse("training:complaint_draft", args=[complaint.pk]))
    assert response.status_code == 404
    assert complaint.reference not in signed_in(outsider).get(reverse("training:case_draft")).content.decode()
    assert not ScenarioVersion.objects.exists()


def test_a_trainer_starts_a_draft_from_a_closed_incident_with_people_removed(signed_in, world):
    from patroncare.incidents.models import Involvement, InvolvementRole
    from patroncare.incidents.tests.factories import IncidentFactory
    from patroncare.patrons.tests.factories import PersonFactory

    person = PersonFactory(system=world.system, name="Dale Whitcombe", card_number="21000007777")
    incident = IncidentFactory(
        branch=world.branch,
        closed_at=timezone.now(),
        narrative=(
            "Dale Whitcombe (card 21000007777) shouted at a child in the Children's area at Millbrook Branch."
        ),
    )
    Involvement.objects.create(incident=incident, role=InvolvementRole.SUBJECT, person=person)
    open_incident = IncidentFactory(branch=world.branch)
    client = signed_in(world.users["trainer"])
    page = client.get(reverse("training:case_draft")).content.decode()
    assert f"Incident {incident.pk}" in page and f"Incident {open_incident.pk} " not in page
    assert client.post(reverse("training:incident_draft", args=[open_incident.pk])).status_code == 404
    client.post(reverse("training:incident_draft", args=[incident.pk]))
    version = ScenarioVersion.objects.get()
    for identifying in ["Dale", "Whitcombe", "21000007777", "Millbrook Branch", "Children's area"]:
        assert identifying not in version.source, identifying
    assert "shouted at a child" in version.source
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(incident.pk)).count() == 1


def test_a_supervisor_cannot_use_an_incident_for_practice(signed_in, world):
    from patroncare.incidents.tests.factories import IncidentFactory

    incident = IncidentFactory(branch=world.branch, closed_at=timezone.now())
    response = signed_in(world.users["supervisor"]).post(
        reverse("training:incident_draft", args=[incident.pk])
    )
    assert response.status_code == 403
    assert not ScenarioVersion.objects.exists()
