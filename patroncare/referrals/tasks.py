"""Scheduled work of the referrals app: it only reminds; "stale" is computed when the directory is read."""

from celery import shared_task


@shared_task
def remind_verifications() -> int:
    """Daily: tell the owners of entries due for verification, once per due date."""
    from .services import verification_reminders_send

    return verification_reminders_send()
