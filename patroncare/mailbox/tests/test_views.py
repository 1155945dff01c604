"""The review queue: who sees it, and deciding a held e-mail (a refused decision changes nothing)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from patroncare.complaints.models import Complaint, EntryKind
from patroncare.complaints.tests.factories import record
from patroncare.conftest import ROLE_KEYS
from patroncare.mailbox.models import InboundMail, InboundStatus, ReviewReason

pytestmark = pytest.mark.django_db

QUEUE = {key: 403 for key in ROLE_KEYS} | {
    "supervisor": 200,
    "administrator": 200,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}


def _held(world, *, record_id=None, text="Please add this: the fine was on 3 March.", sender="x@example.org"):
    mail = InboundMail(
        system=world.system,
        message_id=f"<held-{InboundMail.objects.count()}@example.org>",
        sender=sender,
        subject="Re: Your complaint",
        size=100,
        text=text,
        status=InboundStatus.REVIEW,
        reason=ReviewReason.SPOOFED,
        source="complaints" if record_id else "",
        record_id=record_id,
    )
    mail.raw.save("m.eml", ContentFile(b"From: x\r\n\r\nbody"), save=False)
    mail.save()
    return mail


def test_the_queue_is_for_supervisors_and_administrators(world, role_matrix):
    _held(world, sender="hidden.sender@example.org")
    role_matrix(reverse("mailbox:queue"), QUEUE, hidden_text="hidden.sender@example.org")


def test_another_system_never_sees_a_held_email(world, signed_in):
    mail = _held(world)
    client = signed_in(world.users["other_system_admin"])
    assert client.get(reverse("mailbox:detail", args=[mail.pk])).status_code == 404
    assert client.post(reverse("mailbox:discard", args=[mail.pk])).status_code == 404
    mail.refresh_from_db()
    assert mail.status == InboundStatus.REVIEW


def test_a_supervisor_adds_a_held_reply_to_its_case(world, signed_in, sent):
    complaint, _secret = record(actor=world.users["frontline"], branch=world.branch)
    mail = _held(world, record_id=complaint.pk)
    client = signed_in(world.users["supervisor"])
    page = client.get(reverse("mailbox:detail", args=[mail.pk]))
    assert page.status_code == 200 and complaint.reference in page.content.decode()
    with sent():
        response = client.post(reverse("mailbox:release", args=[mail.pk]))
    assert response.status_code == 302
    mail.refresh_from_db()
    assert (mail.status, mail.decided_by) == (InboundStatus.RELEASED, world.users["supervisor"])
    assert (
        complaint.entries.get(kind=EntryKind.PATRON_REPLY).body == "Please add this: the fine was on 3 March."
    )


def test_frontline_cannot_decide_and_nothing_changes(world, signed_in):
    complaint, _secret = record(actor=world.users["frontline"], branch=world.branch)
    mail = _held(world, record_id=complaint.pk)
    client = signed_in(world.users["frontline"])
    assert client.post(reverse("mailbox:release", args=[mail.pk])).status_code == 403
    mail.refresh_from_db()
    assert mail.status == InboundStatus.REVIEW
    assert not complaint.entries.filter(kind=EntryKind.PATRON_REPLY).exists()


def test_discarding_puts_nothing_in_a_case(world, signed_in):
    mail = _held(world)
    assert (
        signed_in(world.users["administrator"]).post(reverse("mailbox:discard", args=[mail.pk])).status_code
        == 302
    )
    mail.refresh_from_db()
    assert mail.status == InboundStatus.DISCARDED and Complaint.objects.count() == 0


def test_a_held_message_without_a_case_starts_one(world, signed_in, sent):
    mail = _held(world, sender="new.patron@example.com")
    with sent():
        signed_in(world.users["administrator"]).post(reverse("mailbox:start_case", args=[mail.pk]))
    mail.refresh_from_db()
    complaint = Complaint.objects.get(pk=mail.record_id)
    assert complaint.patron_email == "new.patron@example.com" and mail.status == InboundStatus.RELEASED
