"""Who is told that a survey round is open (the staff of its branches and roles, in their own language),
when (at once, or on its first day in the library's time zone), and what clears it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.libraries.calendar import today_in
from patroncare.notifications.models import Notification
from patroncare.notifications.services import preferences_save
from patroncare.surveys import services
from patroncare.surveys.notices import ROUND_OPEN, rounds_open_tell

pytestmark = pytest.mark.django_db


def _start(world, opens_on, closes_on, roles=(Role.FRONTLINE, Role.SUPERVISOR), branches=None):
    return services.round_start(
        actor=world.users["administrator"],
        title_en="Winter survey",
        title_es="Encuesta de invierno",
        opens_on=opens_on,
        closes_on=closes_on,
        branches=branches or [world.branch],
        roles=list(roles),
    )


def _told(**filters):
    return sorted(
        Notification.objects.filter(kind=ROUND_OPEN, **filters).values_list("user__email", flat=True)
    )


@pytest.fixture
def people(world):
    """Beyond the world: a Spanish-speaking frontline member of the round's branch, a frontline member of a
    branch the round does not ask, a system-wide supervisor and a frontline member who left."""
    return {
        "spanish": UserFactory(
            library_system=world.system,
            roles=[(Role.FRONTLINE, world.branch)],
            preferred_language="es",
            email="lucia@example.org",
        ),
        "other_branch": UserFactory(
            library_system=world.system,
            roles=[(Role.FRONTLINE, world.other_branch)],
            email="omar@example.org",
        ),
        "system_wide": UserFactory(
            library_system=world.system, roles=[(Role.SUPERVISOR, None)], email="sasha@example.org"
        ),
        "left": UserFactory(
            library_system=world.system,
            roles=[(Role.FRONTLINE, world.branch)],
            is_active=False,
            email="gone@example.org",
        ),
    }


def test_a_round_that_starts_open_tells_the_staff_of_its_branches_and_roles_at_once(world, people, sent):
    today = today_in(world.system)
    mail.outbox.clear()
    with sent():
        round_ = _start(world, today, today + timedelta(days=14))
    assert _told() == sorted(
        [
            world.users["frontline"].email,
            world.users["supervisor"].email,
            people["spanish"].email,
            people["system_wide"].email,
        ]
    )
    closes = (today + timedelta(days=14)).isoformat()
    english = Notification.objects.get(kind=ROUND_OPEN, user=world.users["frontline"])
    assert (
        english.line
        == f"The staff survey “Winter survey” is open until {closes}. Your answers are anonymous."
    )
    assert english.url.endswith(f"/surveys/{round_.pk}/")
    spanish = Notification.objects.get(kind=ROUND_OPEN, user=people["spanish"])
    assert spanish.line == (
        f"La encuesta al personal «Encuesta de invierno» está abierta hasta el {closes}. "
        "Sus respuestas son anónimas."
    )
    assert [m.to for m in mail.outbox if m.to == [people["spanish"].email]] == [[people["spanish"].email]]
    assert not [m for m in mail.outbox if m.to == [world.users["security"].email]]


def test_a_round_that_opens_later_is_told_by_the_job_on_its_first_day_in_the_library_time_zone(
    world, people, sent
):
    zone = ZoneInfo(world.system.time_zone)
    opens_on = today_in(world.system) + timedelta(days=3)
    with sent():
        round_ = _start(world, opens_on, opens_on + timedelta(days=7), roles=[Role.FRONTLINE])
    assert _told() == []
    eve = datetime.combine(opens_on - timedelta(days=1), datetime.max.time(), tzinfo=zone) - timedelta(
        minutes=1
    )
    with sent():
        assert rounds_open_tell(now=eve)["told"] == 0
    first_hour = datetime.combine(opens_on, datetime.min.time(), tzinfo=zone) + timedelta(minutes=5)
    with sent():
        assert rounds_open_tell(now=first_hour)["told"] == 2
    assert _told() == sorted([world.users["frontline"].email, people["spanish"].email])
    # The next run tells nobody twice, and someone who joins the branch while it is open is told then.
    newcomer = UserFactory(
        library_system=world.system, roles=[(Role.FRONTLINE, world.branch)], email="new@example.org"
    )
    with sent():
        assert rounds_open_tell(now=first_hour + timedelta(hours=1))["told"] == 1
    assert _told(user=newcomer) == [newcomer.email]
    assert Notification.objects.filter(target=f"surveys.round:{round_.pk}").count() == 3


def test_answering_clears_it_for_that_person_and_the_round_closing_clears_the_rest(world, people, sent):
    zone = ZoneInfo(world.system.time_zone)
    today = today_in(world.system)
    with sent():
        round_ = _start(world, today, today + timedelta(days=2), roles=[Role.FRONTLINE])
    question = round_.questions.first()
    services.round_answer(
        actor=people["spanish"], round_=round_, branch=world.branch, answers={question.pk: 4}
    )
    assert _told(read_at__isnull=True) == [world.users["frontline"].email]
    assert Notification.objects.get(user=people["spanish"]).cleared_by_action
    day_after_close = datetime.combine(today + timedelta(days=3), datetime.min.time(), tzinfo=zone)
    with sent():
        assert rounds_open_tell(now=day_after_close) == {"told": 0, "cleared": 1}
    assert _told(read_at__isnull=True) == []


def test_someone_who_answered_before_the_job_ran_is_not_told(world, people, sent):
    today = today_in(world.system)
    with sent():
        round_ = _start(world, today, today + timedelta(days=2), roles=[Role.FRONTLINE])
    Notification.objects.filter(kind=ROUND_OPEN).delete()  # as if the round was started before this change
    question = round_.questions.first()
    services.round_answer(
        actor=people["spanish"], round_=round_, branch=world.branch, answers={question.pk: 3}
    )
    with sent():
        rounds_open_tell()
    assert _told() == [world.users["frontline"].email]


def test_staff_may_take_it_in_their_daily_digest(world, sent, settings):
    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    frontline = world.users["frontline"]
    preferences_save(user=frontline, choices={ROUND_OPEN: "digest"})
    today = today_in(world.system)
    mail.outbox.clear()
    with sent():
        _start(world, today, today + timedelta(days=2), roles=[Role.FRONTLINE])
    assert not [m for m in mail.outbox if m.to == [frontline.email]]
    assert list(frontline.digest_lines.values_list("kind", flat=True)) == [ROUND_OPEN]


def test_the_job_is_on_the_hourly_schedule(settings):
    (entry,) = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("tell_open_survey_rounds")
    ]
    assert entry["schedule"] == 60 * 60
