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
