"""Complaint attachments: stored under random names, given out only to those handling the case, audited."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.complaints import services

from .factories import record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 letter from the patron\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def attachment(world, media):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="moderate")
    return services.attachment_add(
        actor=world.users["supervisor"],
        complaint=complaint,
        upload=SimpleUploadedFile("Letter from Ms Morales.PDF", PDF),
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_stored_name_is_random_and_the_original_name_is_kept_in_the_row(attachment):
    assert re.fullmatch(r"complaints/\d{4}/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert attachment.original_name == "Letter from Ms Morales.PDF"


def test_anonymous_is_sent_to_sign_in_and_never_gets_the_file(client, attachment):
    response = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert PDF not in response.content


def test_a_handler_gets_the_file_with_the_protective_headers_and_one_audit_row(signed_in, world, attachment):
    client = signed_in(world.users["supervisor"])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(attachment.complaint_id))
    before = views.count()
    response = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Letter from Ms Morales.PDF"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    assert views.count() == before + 1
    assert views.latest("id").actor == world.users["supervisor"]


@pytest.mark.parametrize("user_key", ["other_system_admin", "other_branch_supervisor"])
def test_staff_of_another_system_or_branch_get_404_and_no_audit_row(signed_in, world, attachment, user_key):
    client = signed_in(world.users[user_key])
    views = AuditEvent.objects.filter(action=AuditAction.VIEW)
    before = views.count()
    response = client.get(reverse("complaints:attachment", args=[attachment.pk]))
    assert response.status_code == 404
    assert PDF not in response.content
    assert views.count() == before


def test_behind_nginx_the_handler_gets_the_internal_redirect_and_no_body(
    signed_in, world, attachment, settings
):
    settings.PATRONCARE_FILE_ACCEL = "nginx"
    response = signed_in(world.users["supervisor"]).get(
        reverse("complaints:attachment", args=[attachment.pk])
    )
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response.content == b""
