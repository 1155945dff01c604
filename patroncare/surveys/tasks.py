"""Scheduled work of surveys: it only reminds; whether a round is open is computed when read."""

from celery import shared_task


@shared_task
def remind_open_rounds() -> int:
    """Hourly: before an open round closes, tell those it asks who have not answered (once per round)."""
    from .reminders import survey_reminders_send

    return survey_reminders_send()
