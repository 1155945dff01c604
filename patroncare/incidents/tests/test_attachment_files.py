"""Incident files: stored under random names, downloaded only by those who may read the incident, audited."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.incidents import services
from patroncare.incidents.models import Behaviour

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def attachment(world, media):
    incident = services.incident_report(
        actor=world.users["frontline"],
        branch=world.branch,
        occurred_at=timezone.now() - timedelta(minutes=20),
        summary="Kicked the door hard",
        narrative="He kicked the entrance door twice and left.",
        behaviours=[Behaviour.DAMAGE],
        files=[SimpleUploadedFile("Door at Millbrook.PNG", PNG)],
    )
    return incident.attachments.get()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_stored_name_is_random_and_the_original_name_is_kept_in_the_row(attachment):
    assert re.fullmatch(r"incidents/files/\d{4}/[0-9a-f]{32}\.png", attachment.file.name)
    assert attachment.original_name == "Door at Millbrook.PNG"


def test_the_report_links_each_file_to_its_download_view(signed_in, world, attachment):
    page = signed_in(world.users["supervisor"]).get(
        reverse("incidents:detail", args=[attachment.incident_id])
    )
    url = reverse("incidents:attachment", args=[attachment.pk])
    assert f'<a href="{url}">Door at Millbrook.PNG</a>' in page.content.decode()
    assert attachment.file.name not in page.content.decode()


def test_anonymous_is_sent_to_sign_in_and_never_gets_the_file(client, attachment):
    response = client.get(reverse("incidents:attachment", args=[attachment.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert PNG not in response.content


def test_a_reader_gets_the_file_with_the_protective_headers_and_one_audit_row(signed_in, world, attachment):
    client = signed_in(world.users["supervisor"])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(attachment.incident_id))
    before = views.count()
    response = client.get(reverse("incidents:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert _body(response) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="Door at Millbrook.PNG"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    assert views.count() == before + 1
    event = views.latest("id")
    assert (event.actor, event.object_type, event.event, event.params) == (
        world.users["supervisor"],
        "incidents.incident",
        "incidents.attachment_opened",
        {"attachment": attachment.pk},
    )


@pytest.mark.parametrize("user_key", ["other_system_admin", "other_branch_supervisor"])
def test_staff_of_another_system_or_branch_get_404_and_no_audit_row(signed_in, world, attachment, user_key):
    client = signed_in(world.users[user_key])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW)
    before = views.count()
    response = client.get(reverse("incidents:attachment", args=[attachment.pk]))
    assert response.status_code == 404
    assert PNG not in response.content
    assert views.count() == before


def test_a_missing_file_is_the_same_404(signed_in, world, attachment):
    response = signed_in(world.users["supervisor"]).get(
        reverse("incidents:attachment", args=[attachment.pk + 1])
    )
    assert response.status_code == 404


def test_staff_without_access_to_incidents_are_refused(signed_in, world, attachment):
    response = signed_in(world.users["trainer"]).get(reverse("incidents:attachment", args=[attachment.pk]))
    assert response.status_code == 403
    assert PNG not in response.content


def test_retention_removes_the_files_only_once_its_run_is_committed(
    world, media, attachment, django_capture_on_commit_callbacks
):
    from patroncare.incidents.models import Incident

    stored = media / attachment.file.name
    Incident.objects.filter(pk=attachment.incident_id).update(
        occurred_at=timezone.now() - timedelta(days=4000)
    )
    from patroncare.retention.services import retention_apply

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retention_apply(system=world.system)
    # The run's rows are written, but a rollback now would still find every file.
    assert stored.exists()
    for callback in callbacks:
        callback()
    assert not stored.exists()
    assert not attachment.incident.attachments.exists()
