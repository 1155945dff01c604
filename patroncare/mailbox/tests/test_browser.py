"""The review queue in the browser: a reply from someone who is not the case's patron is added to its case by
a supervisor, a message that names no case is discarded; at 360 px and on a desktop, in English and Spanish.
Every page passes the axe-core check."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.complaints.models import EntryKind
from patroncare.complaints.tests.factories import record
from patroncare.mailbox.models import InboundMail, InboundStatus, ReviewReason
from patroncare.testing.browser import (
    DESKTOP,
    PHONE,
    _close,
    _new_page,
    browser_sign_in,
    check_accessibility,
    screenshot,
)

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"queue": "E-mails waiting for review", "discard": "Discard", "add": "Add to"},
    "es": {"queue": "Correos en espera de revisión", "discard": "Descartar", "add": "Añadir a"},
}


def _held(world, *, sender, subject, text, reason, record_id=None):
    mail = InboundMail(
        system=world.system,
        message_id=f"<browser-{InboundMail.objects.count()}@example.net>",
        sender=sender,
        subject=subject,
        size=len(text),
        text=text,
        status=InboundStatus.REVIEW,
        reason=reason,
        source="complaints" if record_id else "",
        record_id=record_id,
    )
    mail.raw.save("m.eml", ContentFile(f"From: {sender}\r\n\r\n{text}".encode()), save=False)
    mail.save()
    return mail


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_supervisor_adds_one_held_email_to_its_case_and_discards_another(
    chromium, live_server, world, viewport, language
):
    complaint, _secret = record(actor=world.users["frontline"], branch=world.branch)
    reply = _held(
        world,
        sender="rosa.delgado.family@example.com",
        subject="Re: Your message to the library",
        text="I am writing for my father: he found the receipt for the fine.",
        reason=ReviewReason.SPOOFED,
        record_id=complaint.pk,
    )
    unknown = _held(
        world,
        sender="offers@bulk-mailer.example",
        subject="Grow your library's audience",
        text="Book a call with our team.",
        reason=ReviewReason.UNKNOWN,
    )
    words = WORDS[language]
    context, page = _new_page(chromium, live_server, PHONE if viewport == "phone" else DESKTOP)
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto("/mail/review/")
    page.get_by_role("heading", level=1, name=words["queue"]).wait_for()
    assert page.locator("main tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    check_accessibility(page, f"mail-queue-{language}-{viewport}")
    screenshot(page, f"mail-queue-{language}-{viewport}")

    page.get_by_role("link", name="Re: Your message to the library").click()
    page.get_by_role("heading", level=1, name="Re: Your message to the library").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    check_accessibility(page, f"mail-held-{language}-{viewport}")
    screenshot(page, f"mail-held-{language}-{viewport}")
    page.get_by_role("button", name=f"{words['add']} {complaint.reference}").click()
    page.get_by_role("heading", level=1, name=words["queue"]).wait_for()
    assert page.locator("main tbody tr").count() == 1
    reply.refresh_from_db()
    assert reply.status == InboundStatus.RELEASED
    assert complaint.entries.get(kind=EntryKind.PATRON_REPLY).body.startswith("I am writing for my father")

    page.get_by_role("link", name="Grow your library's audience").click()
    page.get_by_role("button", name=words["discard"]).click()
    page.get_by_role("heading", level=1, name=words["queue"]).wait_for()
    assert page.locator("main tbody tr").count() == 0
    check_accessibility(page, f"mail-queue-empty-{language}-{viewport}")
    screenshot(page, f"mail-queue-empty-{language}-{viewport}")
    unknown.refresh_from_db()
    assert unknown.status == InboundStatus.DISCARDED
    assert complaint.entries.filter(kind=EntryKind.PATRON_REPLY).count() == 1
    _close(context, page)
