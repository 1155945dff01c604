"""The patron's pages: the public form, the status page, the follow-up, the notices."""

import uuid
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from patroncare.complaints import services
from patroncare.complaints.forms import FORM_STAMP_SALT
from patroncare.complaints.models import Complaint, PolicyReview, PublicStatement
from patroncare.conftest import ROLE_KEYS

from .factories import record

CASE_LIST = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
CASE_RECORD = {**CASE_LIST, "other_branch_supervisor": 404, "other_system_admin": 404}
OVERSIGHT = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
PUBLIC = {key: 200 for key in ROLE_KEYS} | {"anonymous": 200}


@pytest.fixture
def case(world):
    complaint, _secret = record(
        actor=world.users["supervisor"],
        branch=world.branch,
        severity="moderate",
        narrative="Staff laughed at how the patron pronounced the title.",
    )
    Complaint.objects.filter(pk=complaint.pk).update(staff_involved="Evening desk assistant")
    complaint.refresh_from_db()
    return complaint


# --- Public pages ----------------------------------------------------------------------------------


def _stamp(token, *, seconds_ago=30):
    """A stamp as the form gives it out, for `token`, as if the form had been opened `seconds_ago`."""
    started = (timezone.now() - timedelta(seconds=seconds_ago)).timestamp()
    return signing.dumps({"t": started, "k": str(token)}, salt=FORM_STAMP_SALT)


def _feedback_data(**overrides):
    token = overrides.pop("token", str(uuid.uuid4()))
    started = overrides.pop("started", None) or _stamp(token)
    data = {
        "kind": "complaint",
        "branch": "",
        # Each test message is its own: the same text again within minutes is taken as a resend.
        "narrative": f"The guard followed me around the stacks. ({token[:8]})",
        "desired_outcome": "",
        "patron_name": "",
        "patron_email": "ana@example.net",
        "patron_phone": "",
        "website": "",
        "started": started,
        "token": token,
    }
    data.update(overrides)
    return data


def test_public_form_creates_one_case_even_when_sent_twice(world, client):
    data = _feedback_data(branch=world.branch.pk)
    first = client.post(reverse("complaints_public:feedback"), data, follow=True)
    second = client.post(reverse("complaints_public:feedback"), data, follow=True)
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert complaint.reference in first.content.decode()
    assert (
        "It was not sent twice" in second.content.decode() or complaint.reference in second.content.decode()
    )


def test_public_form_honeypot_saves_nothing(world, client):
    response = client.post(
        reverse("complaints_public:feedback"), _feedback_data(website="http://spam.example")
    )
    assert response.status_code == 302 and Complaint.objects.count() == 0


def test_public_form_filled_too_fast_is_refused_and_keeps_the_text(world, client):
    token = str(uuid.uuid4())
    started = _stamp(token, seconds_ago=0)
    response = client.post(
        reverse("complaints_public:feedback"), _feedback_data(token=token, started=started)
    )
    assert response.status_code == 400 and Complaint.objects.count() == 0
    assert "The guard followed me around the stacks." in response.content.decode()


def test_public_form_too_long_text_is_refused(world, client):
    response = client.post(reverse("complaints_public:feedback"), _feedback_data(narrative="a" * 20001))
    assert response.status_code == 400 and Complaint.objects.count() == 0


def test_public_form_is_rate_limited_by_address(world, client, settings):
    settings.COMPLAINTS_FEEDBACK_RATE = "2/h"
    statuses = [
        client.post(reverse("complaints_public:feedback"), _feedback_data()).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Complaint.objects.count() == 2


def _status_client(client, complaint, secret):
    return client.post(
        reverse("complaints_public:status"), {"reference": complaint.reference, "secret": secret}
    )


def test_status_page_shows_replies_for_the_patron_and_nothing_internal(world, case, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    services.complaint_add_note(
        actor=world.users["supervisor"], complaint=complaint, body="INTERNAL: check CCTV"
    )
    services.complaint_send_message(
        actor=world.users["supervisor"], complaint=complaint, channel="phone", body="We called to apologise."
    )
    assert _status_client(client, complaint, secret).status_code == 302
    body = client.get(reverse("complaints_public:status")).content.decode()
    assert "We called to apologise." in body
    assert "INTERNAL" not in body and world.users["supervisor"].full_name not in body


def test_status_page_wrong_secret_is_refused(world, case, client):
    response = _status_client(client, case, "not-the-secret")
    assert response.status_code == 400 and "could not find" in response.content.decode()


def test_status_page_expired_secret_gets_a_clear_message(world, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    Complaint.objects.filter(pk=complaint.pk).update(secret_expires_at=timezone.now() - timedelta(days=1))
    response = _status_client(client, complaint, secret)
    assert response.status_code == 400 and "has expired" in response.content.decode()


def test_patron_asks_for_review_from_the_status_page(world, client):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch)
    services.complaint_respond(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=1,
        outcome="not_upheld",
        reasons="The fine was correct.",
        remedies=["explanation"],
        remedy_detail="We explained the policy.",
        outstanding=[],
        review_info="Ask from the status page.",
        channel="letter",
    )
    _status_client(client, complaint, secret)
    response = client.post(
        reverse("complaints_public:review_request"), {"reason": "It was returned on time."}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status) == (2, "review_requested")


def test_follow_up_link_records_nothing_until_confirmed(world, client):
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch)
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=1,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    assert client.get(url).status_code == 200
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""
    assert client.post(url, {"answer": "partly"}).status_code == 200
    complaint.refresh_from_db()
    assert complaint.satisfaction == "partly"


def test_notices_show_only_published_statements_with_days(world, case):
    from django.test import Client

    Complaint.objects.filter(pk=case.pk).update(
        severity="serious", outcome="upheld", received_at=timezone.now() - timedelta(days=12)
    )
    case.refresh_from_db()
    statement = services.statement_draft(
        actor=world.users["supervisor"],
        complaint=case,
        title="We were wrong",
        body="An apology.",
        title_es="Nos equivocamos",
        body_es="Una disculpa.",
    )
    assert (
        "We were wrong"
        not in Client().get(reverse("notices:list"), {"library": "riverside"}).content.decode()
    )
    PublicStatement.objects.filter(pk=statement.pk).update(
        status="published",
        approved_at=timezone.now(),
        trustee_reviewed_at=timezone.now(),
        published_at=timezone.now(),
    )
    body = Client().get(reverse("notices:list"), {"library": "riverside"}).content.decode()
    assert "We were wrong" in body and "12 days after" in body


def test_closing_systemic_from_the_page_opens_a_review(world, case, signed_in):
    data = {
        "version": case.version,
        "judgement": "systemic",
        "reason": "Happens at every branch.",
        "resolved_at_first_contact": "on",
        "review_subject": "Pronunciation and respect training",
        "review_owner": world.users["supervisor"].pk,
        "review_due": "2027-02-01",
    }
    response = signed_in(world.users["supervisor"]).post(reverse("complaints:close", args=[case.pk]), data)
    assert response.status_code == 302
    assert PolicyReview.objects.get().subject == "Pronunciation and respect training"


def test_an_expired_form_can_be_sent_again_from_the_page_it_returns(world, client):
    from unittest import mock

    token = str(uuid.uuid4())
    three_hours_ago = (timezone.now() - timedelta(hours=3)).timestamp()
    with mock.patch("django.core.signing.time.time", return_value=three_hours_ago):
        stale = signing.dumps({"t": three_hours_ago, "k": token}, salt=FORM_STAMP_SALT)
    data = _feedback_data(token=token, started=stale)
    response = client.post(reverse("complaints_public:feedback"), data)
    assert response.status_code == 400 and "This form has expired" in response.content.decode()
    fresh = response.context["form"].data["started"]
    assert fresh != stale
    later = signing.loads(fresh, salt=FORM_STAMP_SALT)
    assert later["k"] == token, "the new stamp is made for the same submission"
    again = dict(data, started=signing.dumps({"t": later["t"] - 10, "k": token}, salt=FORM_STAMP_SALT))
    assert client.post(reverse("complaints_public:feedback"), again).status_code == 302
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize("url_name", ["complaints_public:feedback", "notices:list"])
@pytest.mark.parametrize("library", ["riverside\x00", "\x00", "x" * 300, "a b;--"])
def test_a_malformed_library_parameter_serves_the_default_library(world, client, url_name, library):
    response = client.get(reverse(url_name), {"library": library})
    assert response.status_code == 200
    assert response.context["system"] == world.system
