"""A library system with one of everything that names a patron: people, incidents, exclusions, complaints."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints.models import Attachment as ComplaintAttachment
from patroncare.complaints.tests.factories import record
from patroncare.conduct import services as conduct_services
from patroncare.conduct.models import LetterKind
from patroncare.conduct.services.letters import letter_issued
from patroncare.incidents.models import Attachment as IncidentAttachment
from patroncare.incidents.tests.factories import FollowUpFactory, IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.policies.tests.factories import ExceptionEntryFactory, PolicyFactory
from patroncare.referrals.tests.factories import ResourceFactory
from patroncare.rulebook.models import Outcome, Rule
from patroncare.rulebook.services import rules_install_defaults

PATRON_NAME = "Casey Hidden"
PATRON_CARD = "21009876"
OTHER_PATRON_NAME = "Robin Permanent"
COMPLAINT_PATRON_NAME = "Lena Morales"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class Patrons:
    world: object
    person: object
    other_person: object
    incident: object
    incident_attachment: object
    follow_up: object
    exclusion: object
    appeal: object
    permanent: object
    lift_request: object
    complaint: object
    complaint_attachment: object
    exception: object
    extra: dict = field(default_factory=dict)

    @property
    def identities(self) -> list[str]:
        """What identifies the patrons: a page showing one of these shows patron identity."""
        return [PATRON_NAME, PATRON_CARD, OTHER_PATRON_NAME, COMPLAINT_PATRON_NAME]


@pytest.fixture(autouse=True)
def audit_media(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def patrons(world) -> Patrons:
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = director
    world.system.save()
    world.users = {**world.users, "director": director}
    rules_install_defaults(system=world.system)
    rules = {rule.code: rule for rule in Rule.objects.filter(system=world.system)}
    supervisor, admin = world.users["supervisor"], world.users["administrator"]
    today = today_in(world.system)
    person = PersonFactory(
        system=world.system, name=PATRON_NAME, card_number=PATRON_CARD, description="Yellow scarf"
    )
    incident = IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], rules=[rules["4"]], subject=person
    )
    incident_attachment = IncidentAttachment(
        incident=incident,
        original_name="statement.pdf",
        content_type="application/pdf",
        size=4,
        uploaded_by=supervisor,
    )
    incident_attachment.file.save("statement.pdf", ContentFile(b"%PDF"), save=True)
    follow_up = FollowUpFactory(incident=incident, assignee=supervisor)
    exclusion = conduct_services.exclusion_issue(
        actor=supervisor,
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=29),
        branch=world.branch,
        deviation_reason="Shouted threats after the warning.",
    )
    conduct_services.exclusion_approve_deviation(actor=admin, exclusion=exclusion)
    conduct_services.person_photo_set(
        actor=supervisor, exclusion=exclusion, upload=SimpleUploadedFile("casey.png", PNG)
    )
    # The notice as sent: issuing it is a POST, so the walks over GET find it stored and print it.
    letter_issued(
        actor=supervisor, exclusion=exclusion, kind=LetterKind.NOTICE, language=exclusion.letter_language
    )
    appeal = conduct_services.appeal_file(
        actor=supervisor, exclusion=exclusion, received_at=timezone.now(), statement="I was not shouting."
    )
    other_person = PersonFactory(system=world.system, name=OTHER_PATRON_NAME)
    other_incident = IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], rules=[rules["4"]], subject=other_person
    )
    permanent = conduct_services.exclusion_issue(
        actor=admin,
        incident=other_incident,
        person=other_person,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=800),
        deviation_reason="Assault on staff.",
    )
    lift_request = conduct_services.lift_request_record(
        actor=admin,
        exclusion=permanent,
        received_at=today,
        received_how="letter",
        statement="I would like to come back.",
        early_cause="Two years have passed.",
    )
    complaint, _secret = record(actor=supervisor, branch=world.branch, patron_name=COMPLAINT_PATRON_NAME)
    complaint_attachment = ComplaintAttachment(
        complaint=complaint,
        original_name="receipt.pdf",
        content_type="application/pdf",
        size=4,
        uploaded_by=supervisor,
    )
    complaint_attachment.file.save("receipt.pdf", ContentFile(b"%PDF"), save=True)
    exception = ExceptionEntryFactory(
        policy=PolicyFactory(system=world.system), branch=world.branch, recorded_by=world.users["frontline"]
    )
    return Patrons(
        world=world,
        person=person,
        other_person=other_person,
        incident=incident,
        incident_attachment=incident_attachment,
        follow_up=follow_up,
        exclusion=exclusion,
        appeal=appeal,
        permanent=permanent,
        lift_request=lift_request,
        complaint=complaint,
        complaint_attachment=complaint_attachment,
        exception=exception,
        extra={"resource": ResourceFactory(system=world.system)},
    )
