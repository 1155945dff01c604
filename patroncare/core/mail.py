"""E-mail written in the recipient's language and sent through the task engine, with absolute links."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .tasks import send_email


def base_url() -> str:
    """Where the installation lives (PATRONCARE_BASE_URL), so links in e-mails are absolute; else ""."""
    return getattr(settings, "PATRONCARE_BASE_URL", "").rstrip("/")


def absolute_link(url_name: str, *args) -> str:
    return base_url() + reverse(url_name, args=args)


def render_email(
    *, language: str, subject_template: str, body_template: str, context: dict
) -> tuple[str, str]:
    """(subject on one line, body), rendered in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return subject, body


def send_after_commit(*, subject: str, body: str, to: list[str], **envelope) -> None:
    """Queue an e-mail once the transaction commits, so nothing is sent for a change that rolled back.

    `envelope` may hold `reply_to`, `headers` and `envelope_from` (see `tasks.send_email`).
    """
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to, **envelope))


def send_in_language(
    *, to: str, language: str, subject_template: str, body_template: str, context: dict
) -> None:
    """Render in the recipient's language now; the task engine sends."""
    subject, body = render_email(
        language=language, subject_template=subject_template, body_template=body_template, context=context
    )
    send_email.delay(subject=subject, body=body, to=[to])
