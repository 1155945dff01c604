"""The embedded scheduler runs the task engine's schedule without a broker, each job once per interval."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from patroncare.core.models import ScheduledRun
from patroncare.core.schedule import run_due_jobs, scheduled_jobs

pytestmark = pytest.mark.django_db
CALLS: list[str] = []


def count_call():
    CALLS.append("count")


def fail():
    raise RuntimeError("mail server down")


@pytest.fixture
def schedule(settings):
    CALLS.clear()
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_BEAT_SCHEDULE = {
        "hourly": {"task": f"{__name__}.count_call", "schedule": 3600},
        "broken": {"task": f"{__name__}.fail", "schedule": timedelta(minutes=5)},
    }


def test_each_job_runs_once_per_interval(schedule):
    start = timezone.now()
    assert run_due_jobs(now=start) == ["broken", "hourly"]
    assert run_due_jobs(now=start + timedelta(minutes=30)) == ["broken"]
    assert CALLS == ["count"]
    assert run_due_jobs(now=start + timedelta(hours=1)) == ["broken", "hourly"]
    assert CALLS == ["count", "count"]


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(schedule):
    run_due_jobs()
    assert CALLS == ["count"]
    broken = ScheduledRun.objects.get(name="broken")
    assert broken.last_error == "RuntimeError: mail server down"
    assert broken.last_finished_at is not None
    assert ScheduledRun.objects.get(name="hourly").last_error == ""


def test_a_second_scheduler_finds_the_job_already_claimed(schedule):
    now = timezone.now()
    run_due_jobs(now=now)
    assert run_due_jobs(now=now) == []
    assert CALLS == ["count"]


def test_the_command_runs_due_jobs_once(schedule, capsys):
    call_command("run_schedule", "--once")
    assert "ran hourly" in capsys.readouterr().out
    assert CALLS == ["count"]


def test_the_command_leaves_the_schedule_to_beat_when_a_broker_is_configured(schedule, settings, capsys):
    settings.CELERY_BROKER_URL = "amqp://localhost"
    call_command("run_schedule", "--once")
    assert "Celery beat runs the schedule" in capsys.readouterr().out
    assert CALLS == []
    assert not ScheduledRun.objects.exists()


def test_the_project_schedule_is_readable_without_a_broker():
    # Every job of the real schedule has an interval and a task that imports.
    from django.utils.module_loading import import_string

    jobs = scheduled_jobs()
    assert {job.name for job in jobs} >= {"notifications-daily-digests", "retention-schedule"}
    for job in jobs:
        assert callable(import_string(job.task))
