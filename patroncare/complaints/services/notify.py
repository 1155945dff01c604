"""Messages to patrons and staff, rendered in the recipient's language and sent through the task engine."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from ._common import mail_later


def base_url() -> str:
    """Links in e-mails are absolute when the installation says where it lives (PATRONCARE_BASE_URL)."""
    return getattr(settings, "PATRONCARE_BASE_URL", "").rstrip("/")


def mail_patron(*, complaint, subject_template: str, body_template: str, context: dict | None = None) -> bool:
    """Queue a message to the patron in their language. False when they gave no e-mail address."""
    if not complaint.patron_email:
        return False
    with translation.override(complaint.patron_language):
        values = {"complaint": complaint, "base_url": base_url(), **(context or {})}
        subject = " ".join(render_to_string(subject_template, values).split())
        body = render_to_string(body_template, values)
    mail_later(subject=subject, body=body, to=[complaint.patron_email])
    return True


def mail_staff(*, user, complaint, subject_template: str, body_template: str, context: dict | None = None):
    if user is None or not user.email:
        return
    with translation.override(user.preferred_language):
        values = {"complaint": complaint, "recipient": user, **(context or {})}
        subject = " ".join(render_to_string(subject_template, values).split())
        body = render_to_string(body_template, values)
    mail_later(subject=subject, body=body, to=[user.email])
