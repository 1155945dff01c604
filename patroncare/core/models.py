"""What the project itself keeps: the last run of each scheduled job when no broker runs them."""

from django.db import models


class ScheduledRun(models.Model):
    """One row per job of CELERY_BEAT_SCHEDULE, claimed before each run so that two schedulers (or two
    processes of one) never run the same job twice in one interval."""

    name = models.CharField(max_length=120, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "scheduled run"

    def __str__(self) -> str:
        return self.name


class SentEmail(models.Model):
    """One row per outgoing message, keyed when it was queued: a task the broker delivers twice (a worker
    killed after sending, before acknowledging) finds its key marked sent and sends nothing more."""

    key = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "sent e-mail"

    def __str__(self) -> str:
        return self.key
