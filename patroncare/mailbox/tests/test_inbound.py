"""Mail both ways against real servers: outgoing through aiosmtpd, replies fetched from Dovecot over IMAP."""

import json
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from patroncare.complaints.models import Channel, Complaint, EntryKind
from patroncare.complaints.tests.factories import record
from patroncare.mailbox.models import InboundMail, InboundStatus, ReviewReason, SentMail
from patroncare.mailbox.services.imap import DONE_FOLDER, mailbox_fetch
from patroncare.notifications.models import Notification

from .conftest import LIBRARY_ADDRESS
from .mails import PDF, PNG, bounce, reply

pytestmark = pytest.mark.django_db

FORGED = "mx.riverside.example; spf=fail smtp.mailfrom=example.net; dmarc=fail"
QUOTED = (
    "Thank you. I found the receipt, it is attached.\n\n"
    "Lena\n-- \nLena Morales\nSent from my phone\n\n"
    "On Mon, 7 Dec 2026 at 10:02, Riverside County Library <complaints@riverside.example> wrote:\n"
    "> We are sorry about the fine. Do you still have the receipt?\n"
)


def _case_with_mail(world, smtp_server, sent):
    """A case recorded at the desk; its receipt goes to the patron through the SMTP server."""
    with sent():
        complaint, _secret = record(actor=world.users["frontline"], branch=world.branch)
    arrived = [m for m in smtp_server.wait_for(1) if "lena.morales@example.net" in m.rcpt_tos]
    assert len(arrived) == 1
    return complaint, arrived[0]


def _fetch(mailbox):
    return mailbox_fetch(config=mailbox.config)


def test_mail_to_a_patron_carries_a_reply_address_of_its_own(world, library_address, smtp_server, sent):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    sent_mail = SentMail.objects.get(source="complaints", record_id=complaint.pk)
    message = message_from_bytes(received.data, policy=policy.default)
    address = f"complaints+{sent_mail.token}@riverside.example"
    assert message["Reply-To"] == address
    assert received.mail_from == address  # the envelope sender: a bounce names the message too
    assert message["Message-ID"].strip() == sent_mail.message_id
    assert message["From"] == "PatronCare <patroncare@localhost>"
    assert len(sent_mail.token) == 14


def test_a_reply_is_fetched_trimmed_and_added_to_the_case_and_the_owner_told(
    world, library_address, smtp_server, mailbox, sent
):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    message = message_from_bytes(received.data, policy=policy.default)
    smtp_server.messages.clear()
    mailbox.deliver(
        reply(
            to=message["Reply-To"],
            text=QUOTED,
            in_reply_to=message["Message-ID"],
            files=[("receipt.pdf", PDF, "application", "pdf"), ("photo.png", PNG, "image", "png")],
        )
    )
    started = time.perf_counter()
    with sent():
        assert _fetch(mailbox) == 1
    entry = complaint.entries.get(kind=EntryKind.PATRON_REPLY)
    elapsed = time.perf_counter() - started

    assert entry.body.startswith(
        "Thank you. I found the receipt, it is attached.\n\nLena\n\nFiles with this e-mail:"
    )
    assert "receipt.pdf" in entry.body and "photo.png" in entry.body
    assert "Do you still have" not in entry.body and "Sent from my phone" not in entry.body
    mail = InboundMail.objects.get()
    assert (mail.status, mail.record_id) == (InboundStatus.ADDED, complaint.pk)
    assert sorted(a.content_type for a in mail.attachments.all()) == ["application/pdf", "image/png"]
    owner = Complaint.objects.get(pk=complaint.pk).owner
    assert list(
        Notification.objects.filter(kind="complaints.patron_reply").values_list("user", flat=True)
    ) == [owner.pk]
    told = [m for m in smtp_server.wait_for(1) if owner.email in m.rcpt_tos]
    assert len(told) == 1 and b"found the receipt" not in told[0].data  # no patron text in staff mail
    assert (mailbox.count("INBOX"), mailbox.count(DONE_FOLDER)) == (0, 1)
    out = Path("test-artifacts")
    out.mkdir(exist_ok=True)
    (out / "mail-reply-latency.json").write_text(json.dumps({"fetch_to_case_seconds": round(elapsed, 4)}))


def test_the_same_message_fetched_twice_is_added_once(world, library_address, smtp_server, mailbox, sent):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    address = message_from_bytes(received.data, policy=policy.default)["Reply-To"]
    raw = reply(to=address)
    mailbox.deliver(raw)
    mailbox.deliver(raw)  # a forwarding rule that delivered it twice
    with sent():
        assert _fetch(mailbox) == 2
    assert complaint.entries.filter(kind=EntryKind.PATRON_REPLY).count() == 1
    assert InboundMail.objects.count() == 1


@pytest.mark.parametrize(
    ("sender", "headers", "reason"),
    [
        ("someone.else@example.org", {}, ReviewReason.SPOOFED),
        (
            "lena.morales@example.net",
            {"Authentication-Results": FORGED},
            ReviewReason.SPOOFED,
        ),
    ],
    ids=["other-sender", "forged-from"],
)
def test_a_reply_from_someone_else_waits_for_review_and_never_reaches_the_case(
    world, library_address, smtp_server, mailbox, sent, sender, headers, reason
):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    address = message_from_bytes(received.data, policy=policy.default)["Reply-To"]
    mailbox.deliver(
        reply(to=address, sender=sender, text="Close this case, it was all a lie.", headers=headers)
    )
    entries_before = complaint.entries.count()
    with sent():
        _fetch(mailbox)
    mail = InboundMail.objects.get()
    assert (mail.status, mail.reason) == (InboundStatus.REVIEW, reason)
    assert complaint.entries.count() == entries_before
    assert mail.text == "Close this case, it was all a lie."  # nothing lost
    assert mail.raw.read().startswith(b"From: ") or b"From:" in mail.raw.read()


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ([("receipt.pdf", PDF + b"x" * (5 * 1024 * 1024), "application", "pdf")], ReviewReason.TOO_LARGE),
        ([("receipt.pdf", b"MZ\x90\x00 not a pdf at all", "application", "pdf")], ReviewReason.WRONG_TYPE),
        ([("notes.docx", b"PK\x03\x04 word file", "application", "octet-stream")], ReviewReason.WRONG_TYPE),
    ],
    ids=["oversized", "disguised", "word-file"],
)
def test_a_refused_file_holds_the_whole_reply_for_review_with_nothing_lost(
    world, library_address, smtp_server, mailbox, sent, files, reason
):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    address = message_from_bytes(received.data, policy=policy.default)["Reply-To"]
    mailbox.deliver(reply(to=address, files=files))
    entries_before = complaint.entries.count()
    with sent():
        _fetch(mailbox)
    mail = InboundMail.objects.get()
    assert (mail.status, mail.reason, mail.record_id) == (InboundStatus.REVIEW, reason, complaint.pk)
    assert mail.attachments.count() == 0
    assert complaint.entries.count() == entries_before
    assert mail.text == "Thank you. I found the receipt, it is attached."
    assert mail.size == len(mail.raw.read())


def test_mail_to_the_library_without_a_reference_starts_a_case_through_the_public_intake(
    world, library_address, smtp_server, mailbox, sent
):
    mailbox.deliver(
        reply(
            to=LIBRARY_ADDRESS,
            sender="omar.haddad@example.com",
            text="The self-checkout kept my card and nobody at the desk could help.\n\n-- \nOmar",
        )
    )
    with sent():
        _fetch(mailbox)
    mail = InboundMail.objects.get()
    assert mail.status == InboundStatus.NEW_CASE
    complaint = Complaint.objects.get(pk=mail.record_id)
    assert complaint.system == world.system and complaint.channel == Channel.EMAIL
    assert complaint.narrative == "The self-checkout kept my card and nobody at the desk could help."
    assert complaint.patron_email == "omar.haddad@example.com"
    receipts = [m for m in smtp_server.wait_for(1) if "omar.haddad@example.com" in m.rcpt_tos]
    assert len(receipts) == 1  # the same receipt as the web form, with a reply address of this case
    token = SentMail.objects.get(record_id=complaint.pk).token
    assert f"complaints+{token}@riverside.example".encode() in receipts[0].data


@pytest.mark.parametrize(
    ("to", "reason"),
    [
        ("info@elsewhere.example", ReviewReason.UNKNOWN),
        ("complaints+notatoken42@riverside.example", ReviewReason.BAD_TOKEN),
    ],
    ids=["unknown-address", "made-up-token"],
)
def test_mail_that_names_no_case_we_sent_waits_for_review(world, library_address, mailbox, sent, to, reason):
    mailbox.deliver(reply(to=to))
    with sent():
        _fetch(mailbox)
    mail = InboundMail.objects.get()
    assert (mail.status, mail.reason) == (InboundStatus.REVIEW, reason)
    assert Complaint.objects.count() == 0


def test_a_bounce_is_recorded_on_the_message_and_the_owner_told(
    world, library_address, smtp_server, mailbox, sent
):
    complaint, received = _case_with_mail(world, smtp_server, sent)
    sent_mail = SentMail.objects.get(record_id=complaint.pk)
    mailbox.deliver(bounce(to=received.mail_from, original_message_id=sent_mail.message_id))
    with sent():
        _fetch(mailbox)
    sent_mail.refresh_from_db()
    assert sent_mail.bounced_at is not None
    assert "550 5.1.1" in sent_mail.bounce_reason
    note = complaint.entries.filter(kind=EntryKind.NOTE).last()
    assert "did not reach the patron" in note.body
    owner = Complaint.objects.get(pk=complaint.pk).owner
    assert Notification.objects.get(kind="complaints.bounce").user == owner
    assert InboundMail.objects.get().status == InboundStatus.BOUNCE
    assert not complaint.entries.filter(kind=EntryKind.PATRON_REPLY).exists()
