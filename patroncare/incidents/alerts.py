"""Who hears about an incident at once, and the e-mails they get. The writes are in `services/alerts.py`.

Every message names no one: the details are behind sign-in.
"""

from django.db.models import Q

from patroncare.accounts import roles
from patroncare.accounts.models import Role, User
from patroncare.core.mail import render_email
from patroncare.notifications.services import notify

from .models import Incident


def alert_recipients(incident: Incident):
    """Active supervisors and security staff of the incident's branch, or of the whole system."""
    # One filter() call: the role and its branch must be the same assignment.
    return (
        User.objects.filter(
            Q(role_assignments__branch_id=incident.branch_id) | Q(role_assignments__branch__isnull=True),
            library_system_id=incident.system_id,
            is_active=True,
            role_assignments__role__in=roles.SAFETY_WATCH,
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


def mail_staff(*, user, template: str, context: dict, target=None) -> None:
    """`incidents/email/<template>_subject.txt` and `_body.txt`, in the user's language, through the one
    notification service (kind `incidents.<template>`): in their list, and by e-mail as they chose."""
    subject, body = render_email(
        language=user.preferred_language,
        subject_template=f"incidents/email/{template}_subject.txt",
        body_template=f"incidents/email/{template}_body.txt",
        context={**context, "user": user},
    )
    notify(
        user=user, kind=f"incidents.{template}", subject=subject, body=body, url=context["url"], target=target
    )
