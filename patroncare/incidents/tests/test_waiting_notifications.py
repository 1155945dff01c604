"""Alerts, follow-ups, debriefs and check-ins: who is told, and what clears it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.incidents import services
from patroncare.incidents.models import Behaviour, CheckIn, Debrief
from patroncare.incidents.services import PersonEntry
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.notifications.models import Notification
from patroncare.notifications.services import preferences_save

pytestmark = pytest.mark.django_db


def _report(world, sent, behaviours):
    with sent():
        return services.incident_report(
            actor=world.users["frontline"],
            branch=world.branch,
            occurred_at=timezone.now() - timedelta(minutes=5),
            summary="Threatened a patron with a bottle",
            narrative="He said 'I will hurt you' and raised a bottle.",
            behaviours=behaviours,
            people=[PersonEntry(role="subject", description="Green cap")],
        )


def _emails(kind, **filters):
    return sorted(Notification.objects.filter(kind=kind, **filters).values_list("user__email", flat=True))


def test_a_dangerous_incident_alerts_supervisor_and_security_at_once_even_if_they_chose_digests(
    world, sent, settings
):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    preferences_save(user=world.users["supervisor"], choices={"incidents.alert": "digest"})
    incident = _report(world, sent, [Behaviour.THREATS, Behaviour.WEAPON])
    assert _emails("incidents.alert") == sorted(
        [world.users["supervisor"].email, world.users["security"].email]
    )
    assert not world.users["supervisor"].digest_lines.exists()
    # Each acknowledges for themselves: the other's alert still waits.
    services.alert_acknowledge(actor=world.users["security"], incident=incident)
    assert _emails("incidents.alert", read_at__isnull=True) == [world.users["supervisor"].email]


def test_the_debrief_waits_for_the_branch_supervisors_and_the_check_in_for_the_staff_member(world, sent):
    incident = _report(world, sent, [Behaviour.ABUSIVE_LANGUAGE])
    debrief = Debrief.objects.get(incident=incident)
    assert _emails("incidents.debrief_due") == sorted(
        [world.users["supervisor"].email, world.users["administrator"].email]
    )
    line = Notification.objects.filter(kind="incidents.debrief_due").first().line
    assert f"#{incident.pk}" in line and debrief.due_on.isoformat() in line
    assert _emails("incidents.checkin_due") == [world.users["frontline"].email]
    services.debrief_record(
        actor=world.users["supervisor"],
        debrief=debrief,
        held_on=debrief.due_on - timedelta(days=3),
        notes="Ok.",
        expected_version=1,
    )
    assert _emails("incidents.debrief_due", read_at__isnull=True) == []
    checkin = CheckIn.objects.get(incident=incident)
    services.checkin_answer(
        actor=world.users["frontline"], checkin=checkin, feeling="ok", would_like="", expected_version=1
    )
    assert _emails("incidents.checkin_due", read_at__isnull=True) == []


def test_a_follow_up_waits_for_its_assignee_until_done(world, sent):
    incident = IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], summary="Kicked the door"
    )
    with sent():
        follow_up = services.follow_up_add(
            actor=world.users["supervisor"],
            incident=incident,
            description="Ask for the camera footage",
            assignee=world.users["frontline"],
        )
    assert _emails("incidents.follow_up", read_at__isnull=True) == [world.users["frontline"].email]
    services.follow_up_complete(
        actor=world.users["frontline"],
        follow_up=follow_up,
        note="Footage saved.",
        expected_version=follow_up.version,
    )
    assert _emails("incidents.follow_up", read_at__isnull=True) == []
