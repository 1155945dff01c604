from celery import shared_task
from django.core.management import call_command


@shared_task
def apply_retention() -> None:
    """Scheduled daily: purge or anonymise incident and exclusion records past their retention period."""
    call_command("apply_incident_retention")
