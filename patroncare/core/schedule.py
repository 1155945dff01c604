"""The task engine's schedule run without a broker: the embedded default still reminds, digests and purges.

With a broker, Celery beat reads CELERY_BEAT_SCHEDULE. Without one, `manage.py run_schedule` (started by
`make run`) reads the same schedule and runs each job in its own process, so no rule has a second timetable.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    interval: timedelta


def _interval(schedule) -> timedelta:
    if isinstance(schedule, timedelta):
        return schedule
    if isinstance(schedule, int | float):
        return timedelta(seconds=schedule)
    # A crontab has no fixed interval; the embedded scheduler only knows intervals.
    raise ValueError(f"Only intervals are supported without a broker, not {schedule!r}.")


def scheduled_jobs() -> list[Job]:
    return [
        Job(name=name, task=entry["task"], interval=_interval(entry["schedule"]))
        for name, entry in sorted(getattr(settings, "CELERY_BEAT_SCHEDULE", {}).items())
    ]


def claim(job: Job, *, now: datetime) -> bool:
    """True when this process may run the job now; the claim is one conditional UPDATE, so it is atomic."""
    ScheduledRun.objects.get_or_create(name=job.name)
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.interval)
    return ScheduledRun.objects.filter(due, name=job.name).update(last_started_at=now) == 1


def run_job(job: Job) -> str:
    """Run one job in this process; a failure is logged and kept, and never stops the other jobs."""
    error = ""
    try:
        import_string(job.task)()
    except Exception as failure:  # noqa: BLE001  (one job's failure must not stop the schedule)
        log.exception("Scheduled job %s failed", job.name)
        error = f"{failure.__class__.__name__}: {failure}"[:300]
    ScheduledRun.objects.filter(name=job.name).update(last_finished_at=timezone.now(), last_error=error)
    return error


def run_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Run every job whose interval has passed since its last start. Returns the names run."""
    now = now or timezone.now()
    ran = []
    for job in scheduled_jobs():
        if claim(job, now=now):
            run_job(job)
            ran.append(job.name)
    return ran
