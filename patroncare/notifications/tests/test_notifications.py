"""Immediate or daily digest, per person and kind; critical cases always at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from patroncare.complaints.models import Severity
from patroncare.complaints.services.routing import complaints_lead_set
from patroncare.complaints.tests.factories import record, submit
from patroncare.conftest import ROLE_KEYS, sign_in
from patroncare.notifications.models import DigestLine, Preference
from patroncare.notifications.services import preferences_save, send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_digests(settings):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True


def test_a_new_case_is_held_for_the_digest_when_the_owner_chose_it(world, with_digests, sent):
    owner = world.users["supervisor"]
    preferences_save(user=owner, choices={"complaints.new_case": "digest"})
    mail.outbox.clear()
    with sent():
        complaint, _secret, _created = submit(system=world.system, branch=world.branch)
    assert complaint.owner == owner
    assert not [m for m in mail.outbox if m.to == [owner.email]]
    line = DigestLine.objects.get(user=owner)
    assert complaint.reference in line.line and line.url.endswith(f"/complaints/{complaint.pk}/")
    with sent():
        assert send_digests() == 0  # it came after this morning's digest: it waits for the next one
        assert send_digests(now=timezone.now() + timedelta(days=1)) == 1
    digest = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(digest) == 1 and complaint.reference in digest[0].body
    assert "ana@example.net" not in digest[0].body
    DigestLine.objects.get(user=owner, sent_at__isnull=False)
    with sent():
        assert send_digests(now=timezone.now() + timedelta(days=2)) == 0  # nothing is sent twice


def test_critical_cases_are_always_immediate(world, with_digests, sent):
    director = world.users["administrator"]
    world.system.director = director
    world.system.save()
    preferences_save(
        user=director, choices={"complaints.critical": "digest", "complaints.new_case": "digest"}
    )
    assert not Preference.objects.filter(user=director, kind="complaints.critical").exists()
    mail.outbox.clear()
    with sent():
        record(actor=world.users["frontline"], branch=world.branch, severity=Severity.CRITICAL)
    assert [m for m in mail.outbox if m.to == [director.email]]


def test_without_the_task_engine_every_message_goes_at_once(world, settings, sent):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = False
    settings.CELERY_TASK_ALWAYS_EAGER = True
    owner = world.users["supervisor"]
    preferences_save(user=owner, choices={"complaints.new_case": "digest"})
    mail.outbox.clear()
    with sent():
        submit(system=world.system, branch=world.branch)
    assert [m for m in mail.outbox if m.to == [owner.email]]
    assert not DigestLine.objects.exists()


def test_the_lead_is_told_immediately_by_default(world, sent):
    complaints_lead_set(
        actor=world.users["administrator"],
        system=world.system,
        branch=world.branch,
        lead=world.users["frontline"],
    )
    mail.outbox.clear()
    with sent():
        submit(system=world.system, branch=world.branch)
    assert [m.to for m in mail.outbox if m.to == [world.users["frontline"].email]]


@pytest.mark.parametrize("key", [*ROLE_KEYS, "anonymous"])
def test_everyone_signed_in_chooses_for_themselves(world, client, key, with_digests):
    url = reverse("notifications:preferences")
    if key == "anonymous":
        assert client.get(url).status_code == 302
        assert client.post(url, {"complaints.new_case": "digest"}).status_code == 302
        assert not Preference.objects.exists()
        return
    user = world.users[key]
    sign_in(client, user)
    page = client.get(url)
    assert page.status_code == 200 and "A critical complaint came in" in page.content.decode()
    assert client.post(url, {"complaints.new_case": "digest"}).status_code == 302
    assert list(Preference.objects.values_list("user", "kind", "delivery")) == [
        (user.pk, "complaints.new_case", "digest")
    ]


def test_a_bad_choice_is_refused_and_changes_nothing(world, client):
    sign_in(client, world.users["supervisor"])
    response = client.post(reverse("notifications:preferences"), {"complaints.new_case": "weekly"})
    assert response.status_code == 400 and not Preference.objects.exists()
