"""A patron's rights, answered by an administrator: access (PDF, JSON), correction, erasure, and the log."""

import io
import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.audit.rendering import render_event
from patroncare.patrons import services
from patroncare.patrons.models import Person, RightsRequest
from patroncare.patrons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

RECORD_ONLY_FOR_ADMINISTRATORS = {
    "frontline": 404,
    "supervisor": 404,
    "administrator": 200,
    "security": 404,
    "trainer": 404,
    "trustee": 404,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}


def test_the_json_export_holds_the_person_and_their_records_of_three_modules(world, held, signed_in):
    response = signed_in(world.users["administrator"]).get(
        reverse("patrons:export_json", args=[held.person.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="person-{held.person.pk}-')
    data = json.loads(response.content)
    assert set(data) == {"person", "rights_requests", "complaints", "incidents", "exclusions"}
    assert data["person"] | {"id": None} == {
        "id": None,
        "library_system": "Riverside County Library",
        "card_number": "21000099",
        "name": "Robin Alvarez",
        "email": "robin.alvarez@example.net",
        "phone": "555-0101",
        "language": "es",
        "description": "",
        "is_minor": False,
        "has_photo": False,
        "anonymised_at": None,
    }
    [complaint] = data["complaints"]
    assert (complaint["reference"], complaint["narrative"], complaint["branch"]) == (
        "MIL-0001",
        "I was told the wrong closing time and waited outside in the rain.",
        "Millbrook Branch",
    )
    [incident] = data["incidents"]
    assert (incident["incident_id"], incident["role"], incident["summary"], incident["behaviours"]) == (
        held.incident.pk,
        "subject",
        "Shouted at a patron at the computers",
        ["abusive_language"],
    )
    [exclusion] = data["exclusions"]
    assert (exclusion["exclusion_id"], exclusion["outcome"], exclusion["scope"]) == (
        held.exclusion.pk,
        "suspension",
        "Millbrook Branch",
    )
    assert [appeal["statement"] for appeal in exclusion["appeals"]] == ["I was not the one shouting."]


def test_the_pdf_export_reads_as_the_records_held(world, held, signed_in):
    response = signed_in(world.users["administrator"]).get(
        reverse("patrons:export_pdf", args=[held.person.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in [
        "What the library holds about a person",
        "Robin Alvarez",
        "21000099",
        "MIL-0001",
        "Shouted at a patron at the computers",
        "suspension",
        "I was not the one shouting.",
    ]:
        assert expected in text, expected


def test_each_export_is_audited_as_an_export_without_the_name(world, held, signed_in):
    signed_in(world.users["administrator"]).get(reverse("patrons:export_json", args=[held.person.pk]))
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert render_event(event).summary == f"Everything held about person #{held.person.pk} exported (json)"


@pytest.mark.parametrize("name", ["patrons:export_json", "patrons:export_pdf", "patrons:correct"])
def test_exports_and_corrections_are_for_administrators_of_the_system(world, held, role_matrix, name):
    role_matrix(
        reverse(name, args=[held.person.pk]), RECORD_ONLY_FOR_ADMINISTRATORS, hidden_text="Robin Alvarez"
    )


def test_the_requests_page_per_role(world, role_matrix):
    RightsRequest.objects.create(system=world.other_system, kind="erasure", received_on=date(2026, 11, 2))
    role_matrix(
        reverse("patrons:requests"),
        {
            "frontline": 403,
            "supervisor": 403,
            "administrator": 200,
            "security": 403,
            "trainer": 403,
            "trustee": 403,
            "other_branch_supervisor": 403,
            "other_system_admin": 200,
            "anonymous": 302,
        },
    )


def test_an_administrator_records_and_handles_a_request(world, held, signed_in):
    client = signed_in(world.users["administrator"])
    response = client.post(
        reverse("patrons:requests"), {"kind": "access", "received_on": "2026-12-01", "person": held.person.pk}
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get()
    assert (request.system, request.person, request.kind, request.received_on, request.outcome) == (
        world.system,
        held.person,
        "access",
        date(2026, 12, 1),
        "",
    )
    response = client.post(
        reverse("patrons:request_handle", args=[request.pk]),
        {"handled_on": "2026-12-03", "outcome": "granted", "outcome_note": "PDF and JSON sent by post"},
    )
    request.refresh_from_db()
    assert (request.handled_on, request.outcome, request.handled_by) == (
        date(2026, 12, 3),
        "granted",
        world.users["administrator"],
    )
    assert "Robin" not in render_event(AuditEvent.objects.latest("id")).text


def test_a_request_for_a_person_of_another_system_is_refused_and_nothing_saved(world, signed_in):
    elsewhere = PersonFactory(system=world.other_system)
    response = signed_in(world.users["administrator"]).post(
        reverse("patrons:requests"), {"kind": "access", "received_on": "2026-12-01", "person": elsewhere.pk}
    )
    assert response.status_code == 400
    assert "No person of your library system has this record number." in response.content.decode()
    assert RightsRequest.objects.count() == 0


def test_a_request_of_another_system_cannot_be_handled(world, signed_in):
    request = RightsRequest.objects.create(
        system=world.other_system, kind="erasure", received_on=date(2026, 11, 2)
    )
    response = signed_in(world.users["administrator"]).post(
        reverse("patrons:request_handle", args=[request.pk]),
        {"handled_on": "2026-12-03", "outcome": "granted"},
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert (request.handled_on, request.outcome) == (None, "")


def test_a_request_is_not_handled_before_it_was_received(world, signed_in):
    request = RightsRequest.objects.create(system=world.system, kind="access", received_on=date(2026, 12, 1))
    with pytest.raises(ValidationError):
        services.rights_request_handle(
            actor=world.users["administrator"],
            request=request,
            handled_on=date(2026, 11, 30),
            outcome="granted",
        )
    request.refresh_from_db()
    assert request.handled_on is None


def test_an_administrator_corrects_the_details(world, held, signed_in):
    response = signed_in(world.users["administrator"]).post(
        reverse("patrons:correct", args=[held.person.pk]),
        {
            "version": held.person.version,
            "card_number": "21000099",
            "name": "Robin Álvarez",
            "email": "robin@example.net",
            "phone": "",
            "language": "es",
            "description": "",
        },
    )
    assert response.status_code == 302
    held.person.refresh_from_db()
    assert (held.person.name, held.person.email, held.person.phone, held.person.version) == (
        "Robin Álvarez",
        "robin@example.net",
        "",
        2,
    )
    event = AuditEvent.objects.latest("id")
    rendered = render_event(event)
    written = " ".join([rendered.summary, *(line.text for line in rendered.changes)])
    assert set(event.changes) == {"name", "email", "phone"} and "Robin" not in written


def test_a_correction_over_someone_elses_save_is_refused_and_what_was_typed_stays(world, held, signed_in):
    Person.objects.filter(pk=held.person.pk).update(version=5)
    response = signed_in(world.users["administrator"]).post(
        reverse("patrons:correct", args=[held.person.pk]),
        {
            "version": 1,
            "card_number": "21000099",
            "name": "Typed Name",
            "email": "",
            "phone": "",
            "language": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Someone else saved this record" in page and "Typed Name" in page
    held.person.refresh_from_db()
    assert held.person.name == "Robin Alvarez"


def test_erasure_blanks_the_identity_and_removes_the_photo_after_commit(
    world, held, django_capture_on_commit_callbacks
):
    held.person.photo.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    storage, name = held.person.photo.storage, held.person.photo.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(actor=world.users["administrator"], person=held.person, kept=[])
    person = Person.objects.get(pk=held.person.pk)
    assert (
        person.card_number,
        person.name,
        person.email,
        person.phone,
        person.description,
        person.photo.name,
    ) == (
        "",
        "",
        "",
        "",
        "",
        "",
    )
    assert person.anonymised_at is not None and not storage.exists(name)
    assert render_event(AuditEvent.objects.latest("id")).summary == f"Identity of person #{person.pk} erased"


def test_erasure_is_refused_while_retention_keeps_something_and_nothing_changes(world, held):
    with pytest.raises(PermissionDenied):
        services.person_erase(actor=world.users["administrator"], person=held.person, kept=[held.exclusion])
    person = Person.objects.get(pk=held.person.pk)
    assert (person.name, person.anonymised_at) == ("Robin Alvarez", None)


def test_erasure_by_someone_not_an_administrator_is_refused(world, held):
    with pytest.raises(PermissionDenied):
        services.person_erase(actor=world.users["supervisor"], person=held.person, kept=[])
    assert Person.objects.get(pk=held.person.pk).name == "Robin Alvarez"
