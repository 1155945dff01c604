"""The clock starts at receipt, every case has an owner at once who is told; triage never starts the clock."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import Channel, Complaint, ComplaintsLead
from patroncare.complaints.services.deadlines import deadlines_for
from patroncare.complaints.services.routing import complaints_lead_set, intake_owner

from .factories import record, submit

pytestmark = pytest.mark.django_db
PATRON = {
    "patron_name": "Rosa Delgado",
    "patron_email": "rosa.delgado@example.net",
    "patron_phone": "555-0142",
}


@pytest.fixture
def director(world):
    person = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = person
    world.system.save()
    return person


def test_a_public_complaint_has_its_branch_supervisor_as_owner_and_deadlines_from_receipt(world):
    complaint = submit(system=world.system, branch=world.branch, token=uuid.uuid4())[0]
    assert complaint.owner == world.users["supervisor"]
    assert complaint.severity == "", "triage still decides the severity"
    expected = deadlines_for(
        system=world.system, branch=world.branch, severity="moderate", start=complaint.received_at, stage=1
    )
    assert (complaint.acknowledge_due_at, complaint.respond_due_at) == (
        expected.acknowledge_due_at,
        expected.respond_due_at,
    )
    assert complaint.acknowledge_due_at > complaint.received_at


@pytest.mark.parametrize("channel", [Channel.DESK, Channel.PHONE, Channel.EMAIL, Channel.LETTER])
def test_a_case_recorded_by_staff_without_a_severity_gets_an_owner_and_a_clock(world, channel):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, severity="", channel=channel)
    assert complaint.owner == world.users["supervisor"]
    assert complaint.respond_due_at is not None


def test_the_designated_lead_of_the_branch_owns_its_new_cases(world):
    lead = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    ComplaintsLead.objects.create(system=world.system, branch=world.branch, lead=lead)
    assert submit(system=world.system, branch=world.branch, token=uuid.uuid4())[0].owner == lead
    # Another branch keeps its own rule.
    assert (
        intake_owner(system=world.system, branch=world.other_branch) == world.users["other_branch_supervisor"]
    )


def test_a_case_without_a_branch_goes_to_the_system_queue_then_the_director(world, director):
    assert submit(system=world.system, branch=None, token=uuid.uuid4())[0].owner == director
    queue_owner = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    ComplaintsLead.objects.create(system=world.system, branch=None, lead=queue_owner)
    assert submit(system=world.system, branch=None, token=uuid.uuid4())[0].owner == queue_owner


def test_a_branch_without_lead_or_supervisor_falls_back_to_the_director(world, director):
    from patroncare.libraries.tests.factories import BranchFactory

    lonely = BranchFactory(system=world.system, name="Pine Hollow", code="PIN")
    assert submit(system=world.system, branch=lonely, token=uuid.uuid4())[0].owner == director


def test_a_lead_who_left_is_passed_over(world):
    lead = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    ComplaintsLead.objects.create(system=world.system, branch=world.branch, lead=lead)
    lead.is_active = False
    lead.save()
    assert intake_owner(system=world.system, branch=world.branch) == world.users["supervisor"]


def test_praise_gets_an_owner_but_no_response_deadline(world):
    praise = submit(system=world.system, branch=world.branch, token=uuid.uuid4(), kind="praise")[0]
    assert praise.owner == world.users["supervisor"]
    assert (praise.acknowledge_due_at, praise.respond_due_at) == (None, None)


def test_triage_later_keeps_the_clock_that_started_at_receipt(world):
    received = timezone.now() - timedelta(days=9)
    complaint, _ = record(
        actor=world.users["frontline"], branch=world.branch, severity="", received_at=received
    )
    services.complaint_triage(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        category=None,
        severity="minor",
        kind=complaint.kind,
    )
    complaint.refresh_from_db()
    minor = deadlines_for(system=world.system, branch=world.branch, severity="minor", start=received, stage=1)
    assert complaint.respond_due_at == minor.respond_due_at


def test_the_owner_is_told_with_a_link_and_no_patron_contact_details(world, sent, settings):
    settings.PATRONCARE_BASE_URL = "https://library.example.org"
    owner = world.users["supervisor"]
    owner.preferred_language = "es"
    owner.save()
    with sent():
        complaint = submit(system=world.system, branch=world.branch, token=uuid.uuid4(), **PATRON)[0]
    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert complaint.reference in message.subject and "Nueva queja" in message.subject
    assert f"https://library.example.org/complaints/{complaint.pk}/" in message.body
    for detail in PATRON.values():
        assert detail not in message.body and detail not in message.subject


def test_staff_who_record_a_case_they_own_are_not_mailed_about_it(world, sent):
    with sent():
        record(actor=world.users["supervisor"], branch=world.branch, severity="")
    assert not [m for m in mail.outbox if m.to == [world.users["supervisor"].email]]


def test_an_administrator_names_a_lead_and_it_is_audited(world):
    lead = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    complaints_lead_set(
        actor=world.users["administrator"], system=world.system, branch=world.branch, lead=lead
    )
    assert intake_owner(system=world.system, branch=world.branch) == lead
    event = AuditEvent.objects.get(event="complaints.lead_set")
    assert event.params == {"branch": world.branch.pk, "lead": lead.pk}
    complaints_lead_set(
        actor=world.users["administrator"], system=world.system, branch=world.branch, lead=None
    )
    assert intake_owner(system=world.system, branch=world.branch) == world.users["supervisor"]


@pytest.mark.parametrize("role", ["frontline", "supervisor", "trustee", "other_system_admin"])
def test_others_cannot_name_a_lead_and_nothing_changes(world, role):
    lead = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    with pytest.raises(ValidationError):
        complaints_lead_set(actor=world.users[role], system=world.system, branch=world.branch, lead=lead)
    assert not ComplaintsLead.objects.exists()


def test_a_lead_from_another_library_system_is_refused(world):
    stranger = world.users["other_system_admin"]
    with pytest.raises(ValidationError):
        complaints_lead_set(
            actor=world.users["administrator"], system=world.system, branch=world.branch, lead=stranger
        )
    assert not ComplaintsLead.objects.exists()


def test_the_database_holds_one_lead_per_branch_and_one_for_the_queue(world):
    first = UserFactory(library_system=world.system)
    ComplaintsLead.objects.create(system=world.system, branch=world.branch, lead=first)
    ComplaintsLead.objects.create(system=world.system, branch=None, lead=first)
    for branch in (world.branch, None):
        with pytest.raises(IntegrityError), transaction.atomic():
            ComplaintsLead.objects.create(system=world.system, branch=branch, lead=UserFactory())
    assert ComplaintsLead.objects.count() == 2
    assert Complaint.objects.count() == 0
