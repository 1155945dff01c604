"""Photos of excluded people: random stored names, shown only to boards that list the person, audited."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.conduct import services
from patroncare.conduct.models import Exclusion
from patroncare.core.concurrency import StaleEditError
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def person(conduct, media):
    person = PersonFactory(system=conduct.system, name="Casey Hidden", description="Yellow scarf")
    incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["4"]],
        subject=person,
    )
    today = today_in(conduct.system)
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=29),
        branch=conduct.branch,
        deviation_reason="Shouted threats after the warning.",
    )
    services.exclusion_approve_deviation(actor=conduct.users["administrator"], exclusion=exclusion)
    services.person_photo_set(
        actor=conduct.users["supervisor"], exclusion=exclusion, upload=SimpleUploadedFile("Casey.PNG", PNG)
    )
    person.refresh_from_db()
    return person


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_stored_name_is_random_not_person_and_id(person):
    assert re.fullmatch(r"incidents/people/\d{4}/[0-9a-f]{32}\.png", person.photo.name)
    assert f"person-{person.pk}" not in person.photo.name and "Casey" not in person.photo.name


def test_the_board_shows_the_photo_through_its_view(signed_in, conduct, person):
    page = signed_in(conduct.users["frontline"]).get(reverse("conduct:board")).content.decode()
    assert f'src="{reverse("conduct:person_photo", args=[person.pk])}"' in page
    assert person.photo.name not in page and "/media/" not in page


def test_anonymous_is_sent_to_sign_in_and_never_gets_the_photo(client, person):
    response = client.get(reverse("conduct:person_photo", args=[person.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert PNG not in response.content


def test_staff_whose_board_lists_the_person_see_it_inline_with_one_audit_row(signed_in, conduct, person):
    client = signed_in(conduct.users["frontline"])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="patrons.person")
    before = views.count()
    response = client.get(reverse("conduct:person_photo", args=[person.pk]))
    assert response.status_code == 200
    assert _body(response) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    assert views.count() == before + 1
    event = views.latest("id")
    assert (event.actor, event.object_id, event.event) == (
        conduct.users["frontline"],
        str(person.pk),
        "conduct.photo_viewed",
    )


@pytest.mark.parametrize("user_key", ["other_system_admin", "other_branch_supervisor"])
def test_staff_of_another_system_or_branch_get_404_and_no_audit_row(signed_in, conduct, person, user_key):
    client = signed_in(conduct.users[user_key])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="patrons.person")
    response = client.get(reverse("conduct:person_photo", args=[person.pk]))
    assert response.status_code == 404
    assert PNG not in response.content
    assert views.count() == 0


def test_a_replaced_photo_is_removed_only_once_the_new_one_is_committed(
    conduct, person, media, django_capture_on_commit_callbacks
):
    old = media / person.photo.name
    assert old.exists()
    exclusion = person.exclusions.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.person_photo_set(
            actor=conduct.users["supervisor"], exclusion=exclusion, upload=SimpleUploadedFile("new.png", PNG)
        )
    # Until the transaction commits, the old photo is still there (a rollback would keep it).
    assert old.exists()
    for callback in callbacks:
        callback()
    assert not old.exists()
    person.refresh_from_db()
    assert (media / person.photo.name).exists()


def test_an_exclusion_changed_meanwhile_is_not_overwritten(conduct, person):
    incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["4"]],
        subject=person,
    )
    today = today_in(conduct.system)
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today + timedelta(days=30),
        end_date=today + timedelta(days=40),
        branch=conduct.branch,
        deviation_reason="A longer break agreed with the family.",
    )
    # Someone else saves the exclusion after this page was read.
    Exclusion.objects.filter(pk=exclusion.pk).update(version=exclusion.version + 1, conditions="Changed")
    with pytest.raises(StaleEditError):
        services.exclusion_approve_deviation(actor=conduct.users["administrator"], exclusion=exclusion)
    exclusion.refresh_from_db()
    assert exclusion.deviation_approved_at is None and exclusion.conditions == "Changed"
