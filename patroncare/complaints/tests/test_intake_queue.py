"""The intake queue and the patron's answers: saved views, the desk's triage card, replies from the status
page, the review confirmation, and public pages that keep nothing for the next person at a shared computer."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from patroncare.complaints import selectors, services
from patroncare.complaints.models import Category, Complaint, EntryKind
from patroncare.complaints.views.public import STATUS_IDLE_SECONDS, STATUS_SESSION_KEY
from patroncare.conftest import sign_in

from .factories import record, submit
from .test_views_public import _feedback_data, _status_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(world):
    """One of each: untriaged from the web, mine and triaged, overdue, waiting for the patron."""
    supervisor = world.users["supervisor"]
    untriaged, _secret, _created = submit(system=world.system, branch=world.branch)
    mine, _secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    category = Category.objects.filter(system=world.system, key="wrong-information").get()
    services.complaint_triage(
        actor=supervisor,
        complaint=mine,
        expected_version=mine.version,
        category=category,
        severity="minor",
        kind="complaint",
    )
    overdue, _secret = record(actor=supervisor, branch=world.branch, severity="minor", category=category)
    Complaint.objects.filter(pk=overdue.pk).update(acknowledge_due_at=timezone.now() - timedelta(days=1))
    waiting, _secret = record(actor=supervisor, branch=world.branch, severity="minor", category=category)
    services.complaint_send_message(
        actor=supervisor,
        complaint=waiting,
        channel="phone",
        body="Could you tell us which day it was?",
        expects_reply=True,
    )
    return {"untriaged": untriaged, "mine": mine, "overdue": overdue, "waiting": waiting}


def _listed(user, **filters) -> set[int]:
    return set(selectors.complaint_list_visible_to(user=user, filters=filters).values_list("pk", flat=True))


def test_saved_views_pick_the_right_cases(world, cases):
    supervisor = world.users["supervisor"]
    ids = {key: case.pk for key, case in cases.items()}
    assert _listed(supervisor, view="triage") == {ids["untriaged"]}
    assert _listed(supervisor, view="overdue") == {ids["overdue"]}
    assert _listed(supervisor, view="waiting") == {ids["waiting"]}
    assert _listed(supervisor, view="mine") == set(ids.values())  # the branch supervisor owns them all
    assert _listed(supervisor, untriaged=True) == {ids["untriaged"]}
    assert _listed(supervisor) == set(ids.values())


def test_unassigned_filter_finds_cases_with_no_owner(world, cases):
    Complaint.objects.filter(pk=cases["untriaged"].pk).update(owner=None)
    assert _listed(world.users["supervisor"], unassigned=True) == {cases["untriaged"].pk}


def test_the_list_page_shows_the_saved_views_and_marks_the_current_one(world, cases, client):
    sign_in(client, world.users["supervisor"])
    page = client.get(reverse("complaints:list") + "?view=waiting").content.decode()
    assert 'href="/complaints/?view=waiting" aria-current="page"' in page
    assert cases["waiting"].reference in page and cases["untriaged"].reference not in page


def test_the_owners_desk_has_a_to_triage_card(world, cases, client):
    assert list(selectors.to_triage_for(user=world.users["supervisor"])) == [cases["untriaged"]]
    assert list(selectors.to_triage_for(user=world.users["other_branch_supervisor"])) == []
    sign_in(client, world.users["supervisor"])
    desk = client.get(reverse("core:desk")).content.decode()
    assert "Complaints to triage" in desk and cases["untriaged"].reference in desk


# --- The patron answers -----------------------------------------------------------------------------


def test_a_patron_reply_reaches_the_case_clears_waiting_and_tells_the_owner(world, client, sent):
    supervisor = world.users["supervisor"]
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    services.complaint_send_message(
        actor=supervisor, complaint=complaint, channel="phone", body="Which day?", expects_reply=True
    )
    _status_client(client, complaint, secret)
    mail.outbox.clear()
    with sent():
        response = client.post(
            reverse("complaints_public:patron_reply"), {"body": "It was Tuesday 3 November."}
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.waiting_for_patron_since is None
    assert complaint.entries.filter(kind=EntryKind.PATRON_REPLY, body="It was Tuesday 3 November.").exists()
    assert [m.to for m in mail.outbox] == [[complaint.owner.email]]
    assert "Tuesday" not in mail.outbox[0].body and "lena.morales" not in mail.outbox[0].body
    assert f"/complaints/{complaint.pk}/" in mail.outbox[0].body
    page = client.get(reverse("complaints_public:status")).content.decode()
    assert "It was Tuesday 3 November." in page and "Your message" in page


def test_an_empty_reply_is_refused_and_a_reply_needs_the_case_open_in_the_session(world, client):
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    response = client.post(reverse("complaints_public:patron_reply"), {"body": "Hello"})
    assert response.status_code == 302 and not complaint.entries.filter(kind=EntryKind.PATRON_REPLY).exists()
    _status_client(client, complaint, secret)
    response = client.post(reverse("complaints_public:patron_reply"), {"body": "   "})
    assert response.status_code == 400
    assert not complaint.entries.filter(kind=EntryKind.PATRON_REPLY).exists()
    assert client.get(reverse("complaints_public:patron_reply")).status_code == 405


def test_asking_for_a_review_sends_the_patron_a_confirmation(world, client, sent):
    complaint, secret = record(actor=world.users["supervisor"], branch=world.branch, severity="minor")
    services.complaint_respond(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        outcome="not_upheld",
        reasons="The fine was correct.",
        remedies=["explanation"],
        remedy_detail="We explained the policy.",
        outstanding=[],
        review_info="Ask from the status page.",
        channel="letter",
    )
    _status_client(client, complaint, secret)
    mail.outbox.clear()
    with sent():
        response = client.post(
            reverse("complaints_public:review_request"), {"reason": "It was returned on time."}, follow=True
        )
    assert "Your request for a review has been received" in response.content.decode()
    to_patron = [m for m in mail.outbox if m.to == ["lena.morales@example.net"]]
    assert len(to_patron) == 1 and complaint.reference in to_patron[0].subject


# --- A shared computer --------------------------------------------------------------------------------


def test_the_thanks_page_shows_the_codes_once(world, client):
    client.post(reverse("complaints_public:feedback"), _feedback_data(branch=world.branch.pk))
    complaint = Complaint.objects.get()
    first = client.get(reverse("complaints_public:thanks")).content.decode()
    assert complaint.reference in first and "data-secret" in first
    second = client.get(reverse("complaints_public:thanks")).content.decode()
    assert complaint.reference not in second and "data-secret" not in second
    assert not any(key.startswith("complaints") for key, _value in client.session.items())


def test_im_done_forgets_the_case(world, client):
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    _status_client(client, complaint, secret)
    assert complaint.reference in client.get(reverse("complaints_public:status")).content.decode()
    client.post(reverse("complaints_public:status_done"))
    page = client.get(reverse("complaints_public:status")).content.decode()
    assert complaint.reference not in page and STATUS_SESSION_KEY not in client.session


def test_an_idle_status_page_forgets_the_case(world, client):
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    _status_client(client, complaint, secret)
    session = client.session
    session[STATUS_SESSION_KEY] = {
        "pk": complaint.pk,
        "seen": timezone.now().timestamp() - STATUS_IDLE_SECONDS - 1,
    }
    session.save()
    assert complaint.reference not in client.get(reverse("complaints_public:status")).content.decode()


def test_the_status_page_is_never_cached(world, client):
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="minor")
    _status_client(client, complaint, secret)
    response = client.get(reverse("complaints_public:status"))
    assert "no-store" in response["Cache-Control"]


def test_a_public_submission_is_idempotent_on_its_token(world):
    token = uuid.uuid4()
    first, _secret, created = submit(system=world.system, branch=world.branch, token=token)
    again, secret, created_again = submit(system=world.system, branch=world.branch, token=token)
    assert created and not created_again and first == again and secret == ""
    assert Complaint.objects.count() == 1


def test_the_same_message_sent_again_with_a_new_token_is_the_same_case(world):
    words = "Nobody answered the phone at the branch all afternoon."
    first, _secret, _created = submit(
        system=world.system, branch=world.branch, narrative=words, token=uuid.uuid4()
    )
    again, secret, created = submit(
        system=world.system, branch=world.branch, narrative=words, token=uuid.uuid4()
    )
    assert again == first and not created and secret == ""
    Complaint.objects.filter(pk=first.pk).update(received_at=timezone.now() - timedelta(hours=1))
    later, _secret, created_later = submit(
        system=world.system, branch=world.branch, narrative=words, token=uuid.uuid4()
    )
    assert created_later and later != first
    other, _secret, created_other = submit(
        system=world.system, branch=world.branch, narrative=words, patron_email="b@example.net"
    )
    assert created_other and other not in (first, later)
