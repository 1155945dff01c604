"""Scheduled work of the complaints app. Jobs only notify: overdue is computed when read, never stored."""

from celery import shared_task

from .services.reminders import deadline_reminders_send


@shared_task
def notify_deadlines() -> dict[str, int]:
    """Tell owners of deadlines within one working day and of deadlines passed, each once (hourly beat).

    Returns how many reminders of each kind were sent.
    """
    return deadline_reminders_send()
