"""The desk receipt: the codes in groups, the status address and its QR code, print, e-mail, and the secret
kept only for a short while in the recorder's session."""

import re
import time
import types

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import services
from patroncare.complaints.models import Complaint
from patroncare.complaints.services.intake import hash_status_secret, normalise_secret
from patroncare.complaints.views import receipt
from patroncare.conftest import sign_in

pytestmark = pytest.mark.django_db
GROUPED = re.compile(r"^[A-HJ-NP-Z2-9]{4}( [A-HJ-NP-Z2-9]{4}){3}$")
BASE = "https://care.riverside.example"


def _desk(world, client, user=None, **overrides):
    data = {
        "narrative": "Charged twice for printing.",
        "channel": "desk",
        "branch": world.branch.pk,
        "kind": "complaint",
        "severity": "",
        "patron_name": "Lena Morales",
        "patron_email": "lena.morales@example.net",
        "patron_language": "es",
        "occurred_at": "2026-01-05T16:00",
    }
    data.update(overrides)
    sign_in(client, user or world.users["frontline"])
    response = client.post(reverse("complaints:create"), data)
    complaint = Complaint.objects.latest("id")
    assert response.status_code == 302 and response.url == reverse("complaints:receipt", args=[complaint.pk])
    return complaint


def _shown_secret(body: str) -> str:
    found = re.search(r"data-secret>([^<]+)<", body)
    return found.group(1) if found else ""


@override_settings(PATRONCARE_BASE_URL=BASE)
def test_the_receipt_shows_the_codes_in_groups_the_address_and_its_qr_code(world, client):
    complaint = _desk(world, client)
    response = client.get(reverse("complaints:receipt", args=[complaint.pk]))
    body = response.content.decode()
    secret = _shown_secret(body)
    assert GROUPED.match(secret), secret
    assert services.secret_matches(complaint=complaint, secret=secret)
    assert f"data-reference>{complaint.reference}<" in body
    assert f'href="{BASE}/feedback/status/"' in body
    assert (
        '<svg role="img"' in body
        and f"<title>QR code of the status page address: {BASE}/feedback/status/" in body
    )
    assert "Print slip" in body and "receipt-print.css" in body


def test_without_a_configured_address_the_receipt_uses_the_one_it_was_opened_at(world, client):
    complaint = _desk(world, client)
    body = client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert 'href="http://testserver/feedback/status/"' in body


def test_the_receipt_is_never_cached(world, client):
    complaint = _desk(world, client)
    response = client.get(reverse("complaints:receipt", args=[complaint.pk]))
    assert "no-store" in response["Cache-Control"]


@override_settings(PATRONCARE_BASE_URL=BASE)
def test_e_mail_to_the_patron_sends_the_codes_and_link_in_their_language(world, client, sent):
    complaint = _desk(world, client)
    mail.outbox.clear()
    secret = _shown_secret(client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode())
    with sent():
        response = client.post(reverse("complaints:receipt_email", args=[complaint.pk]), {"email": ""})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lena.morales@example.net"]
    assert message.subject == f"Su caso {complaint.reference}: cómo seguirlo"
    assert complaint.reference in message.body and secret in message.body
    assert f"{BASE}/feedback/status/" in message.body and "Clave:" in message.body


def test_an_address_typed_on_the_receipt_is_saved_on_the_case_and_used(world, client, sent):
    complaint = _desk(world, client, patron_email="")
    with sent():
        response = client.post(
            reverse("complaints:receipt_email", args=[complaint.pk]), {"email": "lena@example.org"}
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.patron_email == "lena@example.org"
    assert [m.to for m in mail.outbox] == [["lena@example.org"]]


def test_without_any_address_nothing_is_sent_and_the_form_says_so(world, client, sent):
    complaint = _desk(world, client, patron_email="")
    with sent():
        response = client.post(reverse("complaints:receipt_email", args=[complaint.pk]), {"email": ""})
    assert response.status_code == 400
    assert "Type the patron&#x27;s e-mail address." in response.content.decode()
    assert mail.outbox == []


def test_an_anonymous_case_cannot_be_e_mailed(world, client, sent):
    complaint = _desk(world, client, patron_name="", patron_email="", anonymous="on")
    assert complaint.anonymous
    body = client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert "nothing can be e-mailed" in body
    with sent():
        response = client.post(
            reverse("complaints:receipt_email", args=[complaint.pk]), {"email": "someone@example.org"}
        )
    assert response.status_code == 400
    assert "This case is anonymous" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.patron_email == "" and mail.outbox == []


def test_done_clears_the_secret(world, client):
    complaint = _desk(world, client)
    response = client.post(reverse("complaints:receipt_done", args=[complaint.pk]))
    assert response.status_code == 302 and response.url == reverse("complaints:detail", args=[complaint.pk])
    body = client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert _shown_secret(body) == "" and "The secret can no longer be shown" in body
    assert (
        receipt.RECEIPTS_SESSION_KEY not in client.session
        or str(complaint.pk) not in (client.session[receipt.RECEIPTS_SESSION_KEY])
    )


def test_the_secret_is_gone_after_fifteen_minutes(world, client, monkeypatch):
    complaint = _desk(world, client)
    later = time.time() + receipt.RECEIPT_SECONDS + 1
    monkeypatch.setattr(receipt, "time", types.SimpleNamespace(time=lambda: later))
    body = client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert _shown_secret(body) == "" and "The secret can no longer be shown" in body
    assert str(complaint.pk) not in client.session[receipt.RECEIPTS_SESSION_KEY]


def test_e_mail_after_the_secret_is_gone_is_refused(world, client, sent):
    complaint = _desk(world, client)
    client.post(reverse("complaints:receipt_done", args=[complaint.pk]))
    with sent():
        response = client.post(reverse("complaints:receipt_email", args=[complaint.pk]), {"email": ""})
    assert response.status_code == 400 and mail.outbox == []


def test_the_secret_lives_only_in_the_recorders_session(world, client):
    complaint = _desk(world, client)
    client.logout()
    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    body = sign_in(client, colleague).get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert _shown_secret(body) == ""


@pytest.mark.parametrize(
    ("key", "status"),
    [("supervisor", 200), ("administrator", 200), ("trustee", 403), ("other_branch_supervisor", 404)],
)
def test_the_receipt_by_role(world, client, key, status):
    complaint = _desk(world, client)
    client.logout()
    assert sign_in(client, world.users[key]).get(
        reverse("complaints:receipt", args=[complaint.pk])
    ).status_code == (status)


def test_another_library_system_gets_404_and_sends_nothing(world, client, sent):
    complaint = _desk(world, client)
    client.logout()
    sign_in(client, world.users["other_system_admin"])
    assert client.get(reverse("complaints:receipt", args=[complaint.pk])).status_code == 404
    with sent():
        response = client.post(
            reverse("complaints:receipt_email", args=[complaint.pk]), {"email": "x@example.org"}
        )
    assert response.status_code == 404 and mail.outbox == []
    complaint.refresh_from_db()
    assert complaint.patron_email == "lena.morales@example.net"


def test_a_restricted_case_gives_its_recorder_the_codes_but_not_the_case(world, client):
    named = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    complaint = _desk(
        world, client, narrative="The man at the returns desk laughed at her accent.", staff_named=[named.pk]
    )
    assert complaint.restricted
    body = client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode()
    assert "Passed to a supervisor" in body and "laughed at her accent" not in body
    assert GROUPED.match(_shown_secret(body))
    assert client.post(reverse("complaints:receipt_done", args=[complaint.pk])).url == reverse(
        "complaints:list"
    )


@pytest.mark.parametrize("variant", ["grouped", "dashes", "small letters", "run together"])
def test_a_new_secret_is_accepted_with_spaces_dashes_or_small_letters(world, client, variant):
    complaint = _desk(world, client)
    grouped = _shown_secret(client.get(reverse("complaints:receipt", args=[complaint.pk])).content.decode())
    given = {
        "grouped": grouped,
        "dashes": grouped.replace(" ", "-"),
        "small letters": grouped.lower(),
        "run together": normalise_secret(grouped),
    }[variant]
    assert services.secret_matches(complaint=complaint, secret=given)


def test_an_older_secret_still_opens_its_case_as_it_was_given(world, client):
    complaint = _desk(world, client)
    old = "Ab-_x9Lm0Opq"  # the URL-safe form secrets had before
    Complaint.objects.filter(pk=complaint.pk).update(secret_hash=hash_status_secret(old))
    complaint.refresh_from_db()
    assert services.secret_matches(complaint=complaint, secret=old)
    assert not services.secret_matches(complaint=complaint, secret=old.lower())
    assert services.group_secret(old) == old
