"""Scheduled work of the exclusions app. Jobs only notify: deadlines are computed when read, never stored."""

from celery import shared_task

from .services.reminders import appeal_reminders_send


@shared_task
def notify_appeal_deadlines() -> dict[str, int]:
    """Tell deciders of appeal deadlines within one working day and of deadlines passed, each once (hourly).

    Returns how many reminders of each kind were sent.
    """
    return appeal_reminders_send()
