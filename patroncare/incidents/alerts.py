"""Alerts for dangerous incidents: the branch's supervisors and security hear at once, by e-mail."""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from patroncare.accounts.models import Role, User
from patroncare.core.tasks import send_email

from .models import Incident


def alert_recipients(incident: Incident):
    """Active supervisors and security staff of the incident's branch, or of the whole system."""
    return (
        User.objects.filter(
            library_system_id=incident.system_id,
            is_active=True,
            role_assignments__role__in=[Role.SUPERVISOR, Role.SECURITY],
        )
        .filter(Q(role_assignments__branch_id=incident.branch_id) | Q(role_assignments__branch__isnull=True))
        .exclude(pk=incident.reported_by_id)
        .distinct()
        .order_by("email")
    )


def send_incident_alert(incident_pk: int) -> int:
    """E-mail each recipient in their own language. The message names no one: details are behind sign-in."""
    incident = Incident.objects.select_related("branch", "location").get(pk=incident_pk)
    # Absolute when the installation says where it lives (PATRONCARE_BASE_URL), as other e-mails do.
    base = getattr(settings, "PATRONCARE_BASE_URL", "").rstrip("/")
    url = base + reverse("incidents:detail", args=[incident.pk])
    sent = 0
    for user in alert_recipients(incident):
        with translation.override(user.preferred_language):
            context = {"incident": incident, "url": url, "user": user}
            subject = render_to_string("incidents/email/alert_subject.txt", context).strip()
            body = render_to_string("incidents/email/alert_body.txt", context)
        send_email.delay(subject=subject, body=body, to=[user.email])
        sent += 1
    return sent
