"""Every "something waits for you" event of the product is a registered kind that each person may take at once
or in the daily digest (safety alerts always at once); and the kinds not checked in their own module's tests
(a complaint passed on, a public statement to approve or review) reach exactly the people they name."""

import pytest
from django.core import mail

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import services as complaints
from patroncare.complaints.models import Complaint
from patroncare.complaints.tests.factories import record
from patroncare.notifications.models import Notification
from patroncare.notifications.registry import KINDS
from patroncare.notifications.selectors import preferences_of
from patroncare.notifications.services import preferences_save

pytestmark = pytest.mark.django_db

# The events the product tells staff about, and the kinds that carry them.
EVENTS = {
    "complaint assigned": ["complaints.new_case", "complaints.assigned"],
    "complaint due": ["complaints.deadline_soon", "complaints.deadline_passed"],
    "exception to approve": ["policies.exception_to_approve"],
    "deviation to decide": ["conduct.deviation_to_approve"],
    "appeal to decide": [
        "conduct.appeal_to_decide",
        "conduct.appeal_deadline_soon",
        "conduct.appeal_deadline_passed",
    ],
    "request to lift": ["conduct.lift_to_decide"],
    "dangerous-incident alert": ["incidents.alert", "incidents.escalation"],
    "debrief due": ["incidents.debrief_due"],
    "check-in due": ["incidents.checkin_due"],
    "follow-up assigned": ["incidents.follow_up"],
    "statement to approve or review": [
        "complaints.statement_approval",
        "complaints.statement_trustees",
        "complaints.statement_ready",
    ],
    "survey round open": ["surveys.round_open"],
    "report approved": ["reports.approved"],
}
SAFETY = {"incidents.alert", "incidents.escalation", "complaints.critical"}


def _waiting(kind):
    return sorted(
        Notification.objects.filter(kind=kind, read_at__isnull=True).values_list("user__email", flat=True)
    )


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_each_event_has_registered_kinds(event):
    assert all(key in KINDS for key in EVENTS[event]), [key for key in EVENTS[event] if key not in KINDS]


def test_every_kind_but_safety_alerts_may_wait_for_the_digest(world, settings):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    user = world.users["supervisor"]
    always = {key for key, kind in KINDS.items() if kind.always_immediate}
    assert always == SAFETY
    preferences_save(user=user, choices=dict.fromkeys(KINDS, "digest"))
    chosen = {kind.key: delivery for kind, delivery in preferences_of(user=user)}
    assert {key for key, delivery in chosen.items() if delivery == "immediate"} == SAFETY


@pytest.fixture
def director(world):
    director = UserFactory(
        library_system=world.system, roles=[(Role.SUPERVISOR, None)], email="dana@example.org"
    )
    world.system.director = director
    world.system.save()
    return director


def test_a_case_passed_on_waits_for_its_new_owner_and_no_longer_for_the_old(world, sent):
    supervisor, colleague = (
        world.users["supervisor"],
        UserFactory(
            library_system=world.system, roles=[(Role.SUPERVISOR, world.branch)], email="cole@example.org"
        ),
    )
    complaint, _secret = record(actor=world.users["frontline"], branch=world.branch, severity="moderate")
    complaint.refresh_from_db()
    assert complaint.owner == supervisor
    with sent():
        complaints.complaint_reassign(
            actor=supervisor, complaint=complaint, expected_version=complaint.version, owner=colleague
        )
    assert _waiting("complaints.assigned") == ["cole@example.org"]
    notification = Notification.objects.get(kind="complaints.assigned")
    assert complaint.reference in notification.line and notification.url.endswith(
        f"/complaints/{complaint.pk}/"
    )
    assert not Notification.objects.filter(
        user=supervisor, read_at__isnull=True, target__endswith=f":{complaint.pk}"
    )
    # The new owner acknowledging the case is acting on it: it no longer waits.
    complaint = Complaint.objects.get(pk=complaint.pk)
    with sent():
        complaints.complaint_acknowledge(
            actor=colleague,
            complaint=complaint,
            expected_version=complaint.version,
            message="We are on it.",
            channel="email",
        )
    assert _waiting("complaints.assigned") == []


def test_a_statement_waits_for_the_director_then_the_trustees_then_the_director_again(world, director, sent):
    second_trustee = UserFactory(
        library_system=world.system, roles=[(Role.TRUSTEE, None)], email="tess@example.org"
    )
    UserFactory(library_system=world.other_system, roles=[(Role.TRUSTEE, None)], email="far@example.org")
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="serious")
    Complaint.objects.filter(pk=complaint.pk).update(outcome="upheld")
    complaint.refresh_from_db()
    mail.outbox.clear()
    with sent():
        statement = complaints.statement_draft(
            actor=world.users["supervisor"],
            complaint=complaint,
            title="An apology for a wrongful fine",
            body="We charged a fine in error.",
            title_es="Una disculpa por una multa injusta",
            body_es="Cobramos una multa por error.",
        )
    assert _waiting("complaints.statement_approval") == ["dana@example.org"]
    with sent():
        statement = complaints.statement_approve(actor=director, statement=statement)
    assert _waiting("complaints.statement_approval") == []
    assert _waiting("complaints.statement_trustees") == sorted(
        [world.users["trustee"].email, "tess@example.org"]
    )
    line = Notification.objects.filter(kind="complaints.statement_trustees").first()
    assert line.url.endswith(f"/complaints/statements/{statement.pk}/")
    with sent():
        statement = complaints.statement_trustee_review(actor=second_trustee, statement=statement)
    assert _waiting("complaints.statement_trustees") == [world.users["trustee"].email]
    assert _waiting("complaints.statement_ready") == ["dana@example.org"]
    with sent():
        complaints.statement_publish(actor=director, statement=statement)
    assert _waiting("complaints.statement_ready") == [] and _waiting("complaints.statement_trustees") == []
    # The e-mails to staff hold neither the patron's words nor their name or address (the statement's title,
    # the library's own public text, may be named).
    bodies = " ".join(m.body + m.subject for m in mail.outbox if m.to != [complaint.patron_email])
    assert complaint.narrative not in bodies
    assert "Lena Morales" not in bodies and "lena.morales@example.net" not in bodies
