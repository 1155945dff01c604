"""The notifications list, the unread count in the header, marking read, and digests at the library's hour."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from patroncare.conftest import ROLE_KEYS
from patroncare.notifications.models import DigestLine, Notification
from patroncare.notifications.services import last_digest_moment, notify, send_digests

pytestmark = pytest.mark.django_db


def _notify(user, line="A complaint was passed to you: C-1", kind="complaints.assigned"):
    notify(user=user, kind=kind, subject=line, body=line, url="/complaints/1/")
    return Notification.objects.filter(user=user).latest("id")


@pytest.mark.parametrize("key", ROLE_KEYS)
def test_everyone_signed_in_sees_their_own_list_and_count_and_nobody_elses(world, signed_in, key):
    user = world.users[key]
    _notify(user, line="Mine to read")
    _notify(world.users["frontline" if key != "frontline" else "supervisor"], line="Someone else's")
    page = signed_in(user).get(reverse("notifications:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mine to read" in html and "Someone else&#x27;s" not in html and "Someone else's" not in html
    assert '<span class="badge badge--urgent">1</span>' in html  # the header's unread count


def test_the_list_needs_sign_in(client):
    assert client.get(reverse("notifications:list")).status_code == 302


def test_the_header_count_and_list_take_a_constant_number_of_queries(
    world, signed_in, django_assert_num_queries
):
    user = world.users["supervisor"]
    client = signed_in(user)
    _notify(user)
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    baseline = len(few.captured_queries)
    for number in range(20):
        _notify(user, line=f"Case {number}")
    with django_assert_num_queries(baseline):
        client.get(reverse("notifications:list"))


def test_marking_one_read_clears_it_from_the_count(world, signed_in):
    user = world.users["supervisor"]
    notification = _notify(user)
    client = signed_in(user)
    assert client.get(reverse("notifications:mark_read", args=[notification.pk])).status_code == 405
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None and not notification.cleared_by_action
    assert (
        'badge--urgent">' not in client.get(reverse("notifications:list")).content.decode().split("<main")[0]
    )


def test_nobody_marks_another_persons_notification_and_nothing_changes(world, signed_in):
    notification = _notify(world.users["supervisor"])
    response = signed_in(world.users["other_system_admin"]).post(
        reverse("notifications:mark_read", args=[notification.pk])
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(world, signed_in):
    user = world.users["frontline"]
    for _ in range(3):
        _notify(user)
    signed_in(user).post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_a_notification_is_kept_in_the_list_even_for_someone_without_an_email(world):
    user = world.users["frontline"]
    type(user).objects.filter(pk=user.pk).update(email="")
    user.refresh_from_db()
    assert notify(user=user, kind="complaints.assigned", subject="x", body="x") == "list"
    assert Notification.objects.filter(user=user).count() == 1


# Digests at the library's hour (07:00 in its time zone), worked by hand --------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Chicago in winter is UTC-6: 07:00 there is 13:00 UTC.
        (datetime(2026, 1, 15, 13, 0, tzinfo=UTC), datetime(2026, 1, 15, 13, 0, tzinfo=UTC)),
        (datetime(2026, 1, 15, 12, 59, tzinfo=UTC), datetime(2026, 1, 14, 13, 0, tzinfo=UTC)),
        # 8 March 2026, summer time begins at 02:00: 07:00 that morning is 12:00 UTC, the day before 13:00.
        (datetime(2026, 3, 8, 12, 30, tzinfo=UTC), datetime(2026, 3, 8, 12, 0, tzinfo=UTC)),
        (datetime(2026, 3, 8, 11, 30, tzinfo=UTC), datetime(2026, 3, 7, 13, 0, tzinfo=UTC)),
        # 06:00 on 1 March 2028 in Chicago (12:00 UTC), a leap year: the last digest was on 29 February.
        (datetime(2028, 3, 1, 12, 0, tzinfo=UTC), datetime(2028, 2, 29, 13, 0, tzinfo=UTC)),
        # 00:30 on 29 February 2028 in Chicago (06:30 UTC): the last one was on the 28th.
        (datetime(2028, 2, 29, 6, 30, tzinfo=UTC), datetime(2028, 2, 28, 13, 0, tzinfo=UTC)),
        # Month end: 1 May 2026 at 06:59 Chicago (summer) is before the hour: 30 April's digest.
        (datetime(2026, 5, 1, 11, 59, tzinfo=UTC), datetime(2026, 4, 30, 12, 0, tzinfo=UTC)),
    ],
)
def test_the_last_digest_moment_is_seven_in_the_morning_in_the_library_time_zone(now, expected):
    assert last_digest_moment(time_zone="America/Chicago", now=now) == expected


def test_a_digest_holds_what_came_before_the_hour_and_keeps_the_rest_for_tomorrow(world, settings, sent):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    world.system.time_zone = "America/Chicago"
    world.system.save()
    user = world.users["supervisor"]
    early = DigestLine.objects.create(
        user=user, kind="complaints.assigned", line="Before the hour", url="/a/"
    )
    late = DigestLine.objects.create(user=user, kind="complaints.assigned", line="After the hour", url="/b/")
    DigestLine.objects.filter(pk=early.pk).update(created_at=datetime(2026, 1, 15, 12, 30, tzinfo=UTC))
    DigestLine.objects.filter(pk=late.pk).update(created_at=datetime(2026, 1, 15, 13, 30, tzinfo=UTC))
    from django.core import mail

    mail.outbox.clear()
    with sent():
        assert send_digests(now=datetime(2026, 1, 15, 12, 59, tzinfo=UTC)) == 0  # 06:59 in Chicago
        assert send_digests(now=datetime(2026, 1, 15, 13, 5, tzinfo=UTC)) == 1  # 07:05
    assert len(mail.outbox) == 1 and "Before the hour" in mail.outbox[0].body
    assert "After the hour" not in mail.outbox[0].body
    late.refresh_from_db()
    assert late.sent_at is None
    with sent():
        assert send_digests(now=datetime(2026, 1, 16, 13, 1, tzinfo=UTC)) == 1
    late.refresh_from_db()
    assert late.sent_at == datetime(2026, 1, 16, 13, 1, tzinfo=UTC)
