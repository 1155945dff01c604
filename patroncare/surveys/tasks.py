"""Scheduled work of the staff survey: it only tells and reminds people; a round's being open is read from
its dates."""

from celery import shared_task

from .notices import rounds_open_tell


@shared_task
def tell_open_survey_rounds() -> dict[str, int]:
    """Hourly: tell the staff a round asks on its first day (in their library's time zone), and anyone who
    joins it while open; clear what waits about rounds that closed."""
    return rounds_open_tell()


@shared_task
def remind_open_rounds() -> int:
    """Hourly: before an open round closes, tell those it asks who have not answered (once per round)."""
    from .reminders import survey_reminders_send

    return survey_reminders_send()
