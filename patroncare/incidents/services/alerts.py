"""Alerts about dangerous incidents: one receipt per person told, their acknowledgement, and the escalation
to the director and system-wide supervisors when nobody acknowledged in time."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.audit.services import changed_fields
from patroncare.core.concurrency import save_versioned
from patroncare.core.mail import absolute_link
from patroncare.incidents import events
from patroncare.notifications.services import notifications_clear_for

from ..alerts import alert_recipients, escalation_recipients, mail_staff
from ..models import AlertReceipt, AlertSettings, Incident

DEFAULT_ESCALATE_AFTER_MINUTES = 30


def escalation_window(system_id: int) -> int:
    found = AlertSettings.objects.filter(system_id=system_id).values_list("escalate_after_minutes", flat=True)
    return next(iter(found), DEFAULT_ESCALATE_AFTER_MINUTES)


@transaction.atomic
def alert_send(*, incident_pk: int) -> int:
    """Record a receipt for each person alerted and e-mail them in their own language; plan the escalation.

    Calling it again for the same incident alerts only people not alerted yet.
    """
    incident = Incident.objects.select_related("branch", "location", "system").get(pk=incident_pk)
    already = set(AlertReceipt.objects.filter(incident=incident).values_list("recipient_id", flat=True))
    recipients = [user for user in alert_recipients(incident) if user.pk not in already]
    if not recipients:
        return 0
    now = timezone.now()
    AlertReceipt.objects.bulk_create(
        AlertReceipt(incident=incident, recipient=user, sent_at=now) for user in recipients
    )
    context = {"incident": incident, "url": absolute_link("incidents:detail", incident.pk)}

    def deliver():
        for user in recipients:
            mail_staff(user=user, template="alert", context=context, target=incident)
        _schedule_escalation(incident.pk, minutes=escalation_window(incident.system_id))

    transaction.on_commit(deliver)
    return len(recipients)


def _schedule_escalation(incident_pk: int, *, minutes: float) -> None:
    # An eager task runs at once, whatever its countdown: without a broker there is no timer to wait on, so
    # nothing is scheduled (the check is the service `alert_escalate_if_unacknowledged`, called by the task).
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return
    from ..tasks import escalate_alert

    escalate_alert.apply_async(kwargs={"incident_pk": incident_pk}, countdown=max(60, int(minutes * 60)))


def alert_escalation_due_at(*, incident_pk: int) -> datetime | None:
    """When the incident's alert escalates if still unacknowledged; None when it never will."""
    state = AlertReceipt.objects.filter(incident_id=incident_pk).aggregate(
        first=Min("sent_at"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
    )
    if state["first"] is None or state["acknowledged"]:
        return None
    incident = Incident.objects.filter(pk=incident_pk, alert_escalated_at__isnull=True).first()
    if incident is None:
        return None
    return state["first"] + timedelta(minutes=escalation_window(incident.system_id))


@transaction.atomic
def alert_escalate_if_unacknowledged(*, incident_pk: int, now: datetime | None = None) -> bool:
    """E-mail the director and system-wide supervisors, once, if nobody acknowledged the alert in time."""
    now = now or timezone.now()
    due_at = alert_escalation_due_at(incident_pk=incident_pk)
    if due_at is None or now < due_at:
        return False
    # Whoever sets the time first escalates; a second run (a retried task, two workers) finds it set.
    claimed = Incident.objects.filter(pk=incident_pk, alert_escalated_at__isnull=True).update(
        alert_escalated_at=now
    )
    if not claimed:
        return False
    incident = Incident.objects.select_related("branch", "system").get(pk=incident_pk)
    recipients = list(escalation_recipients(incident))
    receipts = AlertReceipt.objects.filter(incident=incident).count()
    events.alert_escalated(incident=incident, recipients=recipients, alerted=receipts)
    context = {
        "incident": incident,
        "alerted": receipts,
        "minutes": escalation_window(incident.system_id),
        "url": absolute_link("incidents:detail", incident.pk),
    }
    transaction.on_commit(
        lambda: [
            mail_staff(user=user, template="escalation", context=context, target=incident)
            for user in recipients
        ]
    )
    return True


# The shortest escalation time a system may set (see AlertSettings' constraint).
MIN_ESCALATION_MINUTES = 5


def alerts_escalate_overdue(*, now: datetime | None = None) -> int:
    """The safety net run by the scheduler every few minutes: escalate every alert whose time has passed.

    The per-alert countdown does the same sooner; this one also covers a worker that restarted and lost its
    planned runs. Each escalation still happens once (see `alert_escalate_if_unacknowledged`).
    """
    now = now or timezone.now()
    waiting = (
        Incident.objects.filter(
            alert_escalated_at__isnull=True,
            alert_receipts__sent_at__lte=now - timedelta(minutes=MIN_ESCALATION_MINUTES),
        )
        .exclude(alert_receipts__acknowledged_at__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    return sum(alert_escalate_if_unacknowledged(incident_pk=pk, now=now) for pk in list(waiting))


@transaction.atomic
def alert_acknowledge(*, actor, incident: Incident) -> AlertReceipt:
    """The person alerted says they have seen it. Saying it twice changes nothing."""
    receipt = AlertReceipt.objects.select_for_update().filter(incident=incident, recipient=actor).first()
    if receipt is None:
        raise ValidationError(_("Only the people this alert was sent to can acknowledge it."))
    if receipt.acknowledged_at is None:
        receipt.acknowledged_at = timezone.now()
        receipt.full_clean()
        receipt.save(update_fields=["acknowledged_at"])
        events.alert_acknowledged(actor=actor, incident=incident)
    notifications_clear_for(obj=incident, user=actor, kinds=("incidents.alert", "incidents.escalation"))
    return receipt


@transaction.atomic
def alert_settings_update(
    *, actor, system, escalate_after_minutes: int, expected_version: int | None = None
) -> AlertSettings:
    found = AlertSettings.objects.select_for_update().filter(system=system).first()
    alert_settings = found or AlertSettings(system=system)
    before = {"escalate_after_minutes": alert_settings.escalate_after_minutes}
    alert_settings.escalate_after_minutes = escalate_after_minutes
    save_versioned(alert_settings, expected_version=expected_version, fields=["escalate_after_minutes"])
    events.alert_settings_changed(
        actor=actor,
        alert_settings=alert_settings,
        changes=changed_fields(alert_settings, before, ["escalate_after_minutes"]),
    )
    return alert_settings
