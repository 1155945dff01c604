"""Who hears about an incident at once, and the e-mails they get. The writes are in `services/alerts.py`.

Every message names no one: the details are behind sign-in.
"""

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from patroncare.accounts.models import Role, User
from patroncare.core.tasks import send_email

from .models import Incident


def link(url_name: str, *args) -> str:
    # Absolute when the installation says where it lives (PATRONCARE_BASE_URL), as other e-mails do.
    return getattr(settings, "PATRONCARE_BASE_URL", "").rstrip("/") + reverse(url_name, args=args)


def alert_recipients(incident: Incident):
    """Active supervisors and security staff of the incident's branch, or of the whole system."""
    # One filter() call: the role and its branch must be the same assignment.
    return (
        User.objects.filter(
            Q(role_assignments__branch_id=incident.branch_id) | Q(role_assignments__branch__isnull=True),
            library_system_id=incident.system_id,
            is_active=True,
            role_assignments__role__in=[Role.SUPERVISOR, Role.SECURITY],
        )
        .exclude(pk=incident.reported_by_id)
        .distinct()
        .order_by("email")
    )


def escalation_recipients(incident: Incident):
    """The system's director and its system-wide supervisors, when nobody acknowledged an alert in time."""
    return (
        User.objects.filter(
            Q(pk=incident.system.director_id)
            | Q(role_assignments__role=Role.SUPERVISOR, role_assignments__branch__isnull=True),
            library_system_id=incident.system_id,
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def send_in_language(*, user, template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `_body.txt` in the user's language; the task engine sends."""
    with translation.override(user.preferred_language):
        context = {**context, "user": user}
        subject = render_to_string(f"incidents/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"incidents/email/{template}_body.txt", context)
    send_email.delay(subject=subject, body=body, to=[user.email])
