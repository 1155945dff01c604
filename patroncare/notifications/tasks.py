from celery import shared_task

from .services import send_digests


@shared_task
def send_daily_digests() -> int:
    """Once a day (Celery beat): each person's held messages in one e-mail."""
    return send_digests()
