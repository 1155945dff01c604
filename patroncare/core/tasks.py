from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    envelope_from: str = "",
) -> int:
    """Send one already-rendered message. Rendering happens in the request, in the recipient's language.

    `envelope_from` is the SMTP sender (where bounces go) while the From header stays the library's.
    """
    headers = dict(headers or {})
    if envelope_from:
        headers.setdefault("From", settings.DEFAULT_FROM_EMAIL)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=to,
        reply_to=reply_to or None,
        headers=headers or None,
        from_email=envelope_from or None,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
