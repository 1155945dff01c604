"""Survey reminders: once, before the round closes, on the library's calendar; answers stay unlinked."""

from datetime import UTC, date, datetime

import pytest
from django.conf import settings

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.notifications.models import Notification
from patroncare.surveys import services
from patroncare.surveys.models import Answer, Participation, Response, Round
from patroncare.surveys.reminders import reminder_day, survey_reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    # Riverside is in America/Chicago: daylight saving time starts on Sunday 8 March 2026, so on Monday
    # 9 March local midnight is 05:00 UTC (UTC-5), not 06:00.
    assert world.system.time_zone == "America/Chicago"
    round_ = services.round_start(
        actor=world.users["administrator"],
        title_en="Spring survey",
        title_es="Encuesta de primavera",
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 3, 12),
        branches=[world.branch],
        roles=[Role.FRONTLINE, Role.SUPERVISOR],
    )
    return round_


def _reminded(kind="surveys.reminder"):
    return set(Notification.objects.filter(kind=kind).values_list("user__email", flat=True))


def test_the_reminder_day_is_three_calendar_days_before_closing(survey):
    assert reminder_day(survey) == date(2026, 3, 9)


def test_those_who_have_not_answered_are_reminded_once_from_local_midnight(world, survey):
    answered = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    # What answering stores (the round is in the past for the real clock, so it is written as it would be).
    Participation.objects.create(round=survey, user=answered)
    Response.objects.create(round=survey, branch=world.branch)
    answers_before = (Response.objects.count(), Answer.objects.count())

    # 23:59 on Sunday 8 March in Chicago: still a day too early.
    assert survey_reminders_send(now=datetime(2026, 3, 9, 4, 59, tzinfo=UTC)) == 0
    assert _reminded() == set()
    # 00:01 on Monday 9 March in Chicago.
    told = survey_reminders_send(now=datetime(2026, 3, 9, 5, 1, tzinfo=UTC))
    expected = {world.users["frontline"].email, world.users["supervisor"].email}
    assert _reminded() == expected and told == 2
    assert answered.email not in _reminded() and elsewhere.email not in _reminded()
    survey.refresh_from_db()
    assert survey.reminded_on == date(2026, 3, 9)
    # An hour later, and the next day: nobody twice.
    assert survey_reminders_send(now=datetime(2026, 3, 9, 6, 1, tzinfo=UTC)) == 0
    assert survey_reminders_send(now=datetime(2026, 3, 10, 12, 0, tzinfo=UTC)) == 0
    assert Notification.objects.filter(kind="surveys.reminder").count() == 2
    # The reminder read participations only: the answers are as they were, and still link to nobody.
    assert (Response.objects.count(), Answer.objects.count()) == answers_before
    assert list(Participation.objects.values_list("user", flat=True)) == [answered.pk]


def test_a_round_that_closed_or_is_not_open_reminds_nobody(world, survey):
    assert survey_reminders_send(now=datetime(2026, 3, 13, 12, 0, tzinfo=UTC)) == 0
    Round.objects.filter(pk=survey.pk).update(opens_on=date(2026, 3, 20), closes_on=date(2026, 3, 25))
    assert survey_reminders_send(now=datetime(2026, 3, 9, 12, 0, tzinfo=UTC)) == 0
    assert _reminded() == set()


def test_the_reminder_runs_on_the_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["surveys-reminders"]
    assert entry["task"] == "patroncare.surveys.tasks.remind_open_rounds"
    assert entry["schedule"] == 60 * 60
