from celery import shared_task
from django.utils import timezone


@shared_task
def escalate_alert(*, incident_pk: int) -> bool:
    """Planned, with a countdown, when an alert is sent: tell the director if nobody acknowledged it."""
    from .services import alert_escalate_if_unacknowledged, alert_escalation_due_at

    if alert_escalate_if_unacknowledged(incident_pk=incident_pk):
        return True
    # The escalation time was lengthened after this run was planned: wait for the new time.
    due_at = alert_escalation_due_at(incident_pk=incident_pk)
    if due_at is not None and due_at > timezone.now():
        escalate_alert.apply_async(kwargs={"incident_pk": incident_pk}, eta=due_at)
    return False


@shared_task
def escalate_overdue_alerts() -> int:
    """Scheduled every five minutes: escalate alerts nobody acknowledged in time (a lost countdown too)."""
    from .services import alerts_escalate_overdue

    return alerts_escalate_overdue()
