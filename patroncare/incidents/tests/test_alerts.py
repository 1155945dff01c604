"""Alerts about dangerous incidents: one receipt per person told, acknowledged by that person only, and
escalated once to the director and system-wide supervisors when nobody acknowledges in time."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.incidents import services
from patroncare.incidents.models import AlertReceipt, AlertSettings, Behaviour, Incident
from patroncare.incidents.services import PersonEntry

pytestmark = pytest.mark.django_db


def _report(world, capture, **overrides):
    values = dict(
        actor=world.users["frontline"],
        branch=world.branch,
        occurred_at=timezone.now() - timedelta(minutes=5),
        summary="Threatened a patron with a bottle",
        narrative="He said 'I will hurt you' and raised a bottle.",
        behaviours=[Behaviour.THREATS, Behaviour.WEAPON],
        people=[PersonEntry(role="subject", description="Green cap")],
    )
    with capture(execute=True):
        return services.incident_report(**(values | overrides))


@pytest.fixture
def director(world):
    director = UserFactory(library_system=world.system, email="director@example.org", full_name="Dee Rector")
    world.system.director = director
    world.system.save()
    return director


@pytest.fixture
def alerted(world, django_capture_on_commit_callbacks):
    incident = _report(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return incident


def test_a_receipt_is_recorded_for_each_person_alerted(world, alerted):
    receipts = AlertReceipt.objects.filter(incident=alerted)
    assert set(receipts.values_list("recipient", flat=True)) == {
        world.users["supervisor"].pk,
        world.users["security"].pk,
    }
    assert not receipts.filter(acknowledged_at__isnull=False).exists()


def test_sending_again_alerts_nobody_twice(world, alerted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alert_send(incident_pk=alerted.pk) == 0
    assert mail.outbox == [] and AlertReceipt.objects.filter(incident=alerted).count() == 2


def test_a_security_officer_elsewhere_who_is_also_a_system_wide_trainer_is_not_alerted(
    world, django_capture_on_commit_callbacks
):
    mixed = UserFactory(
        library_system=world.system,
        roles=[(Role.SECURITY, world.other_branch), (Role.TRAINER, None)],
    )
    incident = _report(world, django_capture_on_commit_callbacks)
    assert not AlertReceipt.objects.filter(incident=incident, recipient=mixed).exists()


def test_the_recipient_acknowledges_once(world, alerted):
    receipt = services.alert_acknowledge(actor=world.users["supervisor"], incident=alerted)
    first = receipt.acknowledged_at
    assert first is not None
    again = services.alert_acknowledge(actor=world.users["supervisor"], incident=alerted)
    assert again.acknowledged_at == first
    assert (
        AuditEvent.objects.filter(event="incidents.alert_acknowledged", object_id=str(alerted.pk)).count()
        == 1
    )


@pytest.mark.parametrize(
    "key", ["frontline", "administrator", "other_branch_supervisor", "other_system_admin"]
)
def test_only_a_recipient_can_acknowledge(world, alerted, key):
    with pytest.raises(ValidationError, match="Only the people this alert was sent to"):
        services.alert_acknowledge(actor=world.users[key], incident=alerted)
    assert not AlertReceipt.objects.filter(acknowledged_at__isnull=False).exists()


def test_an_unacknowledged_alert_escalates_once_after_the_window(
    world, alerted, director, django_capture_on_commit_callbacks
):
    system_wide = UserFactory(
        library_system=world.system, email="chief@example.org", roles=[(Role.SUPERVISOR, None)]
    )
    sent_at = AlertReceipt.objects.filter(incident=alerted).first().sent_at
    with django_capture_on_commit_callbacks(execute=True):
        too_early = services.alert_escalate_if_unacknowledged(
            incident_pk=alerted.pk, now=sent_at + timedelta(minutes=29)
        )
    assert too_early is False and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alert_escalate_if_unacknowledged(
            incident_pk=alerted.pk, now=sent_at + timedelta(minutes=30)
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["chief@example.org", "director@example.org"]
    assert mail.outbox[0].subject == f"Nobody has acknowledged the alert for incident #{alerted.pk}"
    assert "Green cap" not in mail.outbox[0].body and "2 people" in mail.outbox[0].body
    alerted.refresh_from_db()
    assert alerted.alert_escalated_at == sent_at + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.alert_escalate_if_unacknowledged(
            incident_pk=alerted.pk, now=sent_at + timedelta(hours=2)
        )
    assert len(mail.outbox) == 2
    escalation = AuditEvent.objects.get(event="incidents.alert_escalated")
    assert system_wide.pk in escalation.changes["escalated_to"]["value"]


def test_an_acknowledged_alert_never_escalates(world, alerted, director, django_capture_on_commit_callbacks):
    services.alert_acknowledge(actor=world.users["security"], incident=alerted)
    with django_capture_on_commit_callbacks(execute=True):
        assert not services.alert_escalate_if_unacknowledged(
            incident_pk=alerted.pk, now=timezone.now() + timedelta(hours=3)
        )
    assert mail.outbox == []
    assert Incident.objects.get(pk=alerted.pk).alert_escalated_at is None


def test_the_escalation_window_is_the_systems_setting(world, alerted, director):
    services.alert_settings_update(
        actor=world.users["administrator"], system=world.system, escalate_after_minutes=90
    )
    sent_at = AlertReceipt.objects.filter(incident=alerted).first().sent_at
    assert services.alert_escalation_due_at(incident_pk=alerted.pk) == sent_at + timedelta(minutes=90)
    assert not services.alert_escalate_if_unacknowledged(
        incident_pk=alerted.pk, now=sent_at + timedelta(minutes=60)
    )
    assert services.alert_escalate_if_unacknowledged(
        incident_pk=alerted.pk, now=sent_at + timedelta(minutes=91)
    )


def test_an_escalation_window_outside_5_to_1440_minutes_is_refused(world):
    with pytest.raises(ValidationError, match="greater than or equal to 5"):
        services.alert_settings_update(
            actor=world.users["administrator"], system=world.system, escalate_after_minutes=2
        )
    assert not AlertSettings.objects.exists()


def test_the_task_escalates_through_the_service(world, alerted, director, django_capture_on_commit_callbacks):
    from patroncare.incidents.tasks import escalate_alert

    AlertReceipt.objects.filter(incident=alerted).update(sent_at=timezone.now() - timedelta(minutes=45))
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_alert(incident_pk=alerted.pk) is True
    assert [m.to for m in mail.outbox] == [["director@example.org"]]


def test_with_a_broker_the_escalation_is_planned_with_a_countdown(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from patroncare.incidents import tasks

    planned = []
    monkeypatch.setattr(tasks.escalate_alert, "apply_async", lambda **kwargs: planned.append(kwargs))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr("patroncare.core.tasks.send_email.delay", lambda **kwargs: None)
    incident = _report(world, django_capture_on_commit_callbacks)
    assert planned == [{"kwargs": {"incident_pk": incident.pk}, "countdown": 30 * 60}]


def test_in_eager_mode_nothing_is_planned(world, monkeypatch, django_capture_on_commit_callbacks):
    from patroncare.incidents import tasks

    planned = []
    monkeypatch.setattr(tasks.escalate_alert, "apply_async", lambda **kwargs: planned.append(kwargs))
    _report(world, django_capture_on_commit_callbacks)
    assert planned == [] and Incident.objects.get().alert_escalated_at is None


def test_the_scheduled_sweep_escalates_only_what_is_overdue_and_only_once(
    world, alerted, director, django_capture_on_commit_callbacks
):
    acknowledged = _report(world, django_capture_on_commit_callbacks, summary="Second threat")
    services.alert_acknowledge(actor=world.users["security"], incident=acknowledged)
    mail.outbox.clear()
    sent_at = AlertReceipt.objects.filter(incident=alerted).first().sent_at
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alerts_escalate_overdue(now=sent_at + timedelta(minutes=10)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alerts_escalate_overdue(now=sent_at + timedelta(minutes=31)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alerts_escalate_overdue(now=sent_at + timedelta(minutes=60)) == 0
    assert Incident.objects.get(pk=alerted.pk).alert_escalated_at is not None
    assert Incident.objects.get(pk=acknowledged.pk).alert_escalated_at is None
    assert [m.to[0] for m in mail.outbox] == ["director@example.org"]


def test_the_sweep_is_on_the_schedule():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["incidents-alert-escalation"]
    assert entry["task"] == "patroncare.incidents.tasks.escalate_overdue_alerts"
    assert entry["schedule"] <= 5 * 60
