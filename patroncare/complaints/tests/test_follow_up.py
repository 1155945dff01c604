"""Acknowledgement by any channel, satisfaction told to staff on the phone, and the follow-up link answered
once with a comment."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import CaseEntry, Complaint, EntryKind
from patroncare.conftest import sign_in

from .factories import record, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    director = UserFactory(library_system=world.system, full_name="Dana Director", roles=[])
    world.system.director = director
    world.system.save()
    return {
        **world.users,
        "director": director,
        "colleague": UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)]),
        "named": UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)]),
    }


def _closed(world):
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch)
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    complaint.refresh_from_db()
    return complaint


# Acknowledgement


@pytest.mark.parametrize("channel", ["phone", "letter", "in_person"])
def test_acknowledging_by_phone_letter_or_in_person_is_recorded_and_sends_no_mail(
    world, client, sent, channel
):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    sign_in(client, world.users["supervisor"])
    mail.outbox.clear()
    with sent():
        response = client.post(
            reverse("complaints:acknowledge", args=[complaint.pk]),
            {"version": complaint.version, "channel": channel, "message": "Told her we are on it."},
        )
    assert response.status_code == 302
    entry = CaseEntry.objects.get(complaint=complaint, kind=EntryKind.ACKNOWLEDGED)
    assert entry.channel == channel and entry.author == world.users["supervisor"]
    assert mail.outbox == []
    complaint.refresh_from_db()
    assert complaint.status == "acknowledged"
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert f"Acknowledged</strong> · {entry.get_channel_display()}" in page


def test_acknowledging_by_email_sends_it(world, client, sent):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    sign_in(client, world.users["supervisor"])
    mail.outbox.clear()
    with sent():
        client.post(
            reverse("complaints:acknowledge", args=[complaint.pk]),
            {"version": complaint.version, "channel": "email", "message": "Gracias."},
        )
    assert CaseEntry.objects.get(complaint=complaint, kind=EntryKind.ACKNOWLEDGED).channel == "email"
    assert len(mail.outbox) == 1 and "Gracias." in mail.outbox[0].body


def test_acknowledging_by_email_without_an_address_is_refused(world, client):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, patron_email="")
    sign_in(client, world.users["supervisor"])
    response = client.post(
        reverse("complaints:acknowledge", args=[complaint.pk]),
        {"version": complaint.version, "channel": "email", "message": "Hello"},
    )
    assert response.status_code == 400 and "no e-mail address" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "new"


def test_the_acknowledge_form_offers_in_person(world, client):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, patron_email="")
    sign_in(client, world.users["supervisor"])
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert 'value="in_person"' in page and 'value="phone" selected' in page


# Satisfaction recorded by staff

RECORD = {
    "supervisor": 302,
    "director": 302,
    "administrator": 302,
    "frontline": 302,  # the recorder handles the case
    "colleague": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
}


@pytest.mark.parametrize("key", sorted(RECORD))
def test_staff_record_satisfaction_from_a_call_per_role(world, people, client, key):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    respond(world, complaint, channel="letter")
    sign_in(client, people[key])
    data = {"answer": "partly", "channel": "phone", "comment": "Fine waived, but the wait was long."}
    response = client.post(reverse("complaints:satisfaction", args=[complaint.pk]), data)
    assert response.status_code == RECORD[key]
    complaint.refresh_from_db()
    if RECORD[key] == 302:
        assert (complaint.satisfaction, complaint.satisfaction_channel) == ("partly", "phone")
        assert complaint.satisfaction_comment == "Fine waived, but the wait was long."
        assert complaint.satisfaction_by == people[key]
        assert AuditEvent.objects.filter(
            event="complaints.satisfaction_recorded", object_id=str(complaint.pk)
        ).exists()
        page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
        assert "Fine waived, but the wait was long." in page and people[key].full_name in page
    else:
        assert complaint.satisfaction == "" and complaint.satisfaction_by is None


def test_a_second_recording_is_refused_and_the_first_answer_stays(world, client):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    respond(world, complaint, channel="letter")
    sign_in(client, world.users["supervisor"])
    url = reverse("complaints:satisfaction", args=[complaint.pk])
    assert client.post(url, {"answer": "satisfied", "channel": "phone"}).status_code == 302
    response = client.post(url, {"answer": "not_satisfied", "channel": "in_person", "comment": "Changed"})
    assert response.status_code == 400
    assert "already been recorded" in response.content.decode()
    complaint.refresh_from_db()
    assert (complaint.satisfaction, complaint.satisfaction_channel) == ("satisfied", "phone")
    assert complaint.satisfaction_comment == ""
    assert CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.FOLLOW_UP).count() == 1


def test_satisfaction_is_recorded_only_after_the_response(world):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    with pytest.raises(ValidationError, match="after the response"):
        services.complaint_record_satisfaction(
            actor=world.users["supervisor"], complaint=complaint, answer="satisfied", channel="phone"
        )
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


def test_in_a_restricted_case_the_named_staff_member_records_nothing(world, people, client):
    complaint, _ = record(
        actor=world.users["frontline"], branch=world.branch, staff_named=[people["named"]], severity="minor"
    )
    respond(world, complaint, channel="letter")
    sign_in(client, people["named"])
    data = {"answer": "satisfied", "channel": "phone"}
    assert client.post(reverse("complaints:satisfaction", args=[complaint.pk]), data).status_code == 404
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


# The follow-up link


def test_opening_the_link_records_nothing_and_offers_a_comment_box(world, client):
    complaint = _closed(world)
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    page = client.get(url).content.decode()
    assert 'name="comment"' in page and 'data-limit="2000"' in page
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""
    assert not CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.FOLLOW_UP).exists()


def test_the_link_is_answered_once_with_a_comment(world, client):
    client.cookies["django_language"] = "en"  # the patron switched to English
    complaint = _closed(world)
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    response = client.post(url, {"answer": "partly", "comment": "Kind staff, slow reply."})
    assert response.status_code == 200 and "Your answer has been recorded" in response.content.decode()
    complaint.refresh_from_db()
    assert (complaint.satisfaction, complaint.satisfaction_comment) == ("partly", "Kind staff, slow reply.")
    assert complaint.satisfaction_channel == "" and complaint.satisfaction_by is None
    answered_at = complaint.satisfaction_at

    second = client.post(url, {"answer": "not_satisfied", "comment": "Changed my mind"})
    assert second.status_code == 409
    complaint.refresh_from_db()
    assert (complaint.satisfaction, complaint.satisfaction_comment) == ("partly", "Kind staff, slow reply.")
    assert complaint.satisfaction_at == answered_at
    assert CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.FOLLOW_UP).count() == 1

    later = client.get(url).content.decode()
    assert "already been recorded" in later and "Partly satisfied" in later
    assert "Kind staff, slow reply." in later
    assert 'name="answer"' not in later and "Confirm my answer" not in later


def test_the_comment_is_shown_to_staff_on_the_case_file(world, client):
    complaint = _closed(world)
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    client.post(url, {"answer": "satisfied", "comment": "Thank you for listening."})
    sign_in(client, world.users["supervisor"])
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Thank you for listening." in page and "through the follow-up link" in page
    assert "Record the patron" not in page


def test_a_link_answered_by_phone_first_shows_that_answer(world, client):
    complaint = _closed(world)
    services.complaint_record_satisfaction(
        actor=world.users["supervisor"], complaint=complaint, answer="satisfied", channel="phone"
    )
    url = reverse("complaints_public:follow_up", args=[services.follow_up_token(complaint)])
    assert client.post(url, {"answer": "not_satisfied"}).status_code == 409
    assert Complaint.objects.get(pk=complaint.pk).satisfaction == "satisfied"
    assert world.users["supervisor"].full_name not in client.get(url).content.decode()
