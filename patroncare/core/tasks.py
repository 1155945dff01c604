import uuid
from smtplib import SMTPException

from celery import Task, shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone

from .models import SentEmail


class KeyedEmailTask(Task):
    """Gives each queued message its own key, so that the key travels with every delivery of it."""

    def apply_async(self, args=None, kwargs=None, **options):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("message_key", uuid.uuid4().hex)
        return super().apply_async(args, kwargs, **options)


@shared_task(
    base=KeyedEmailTask,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    # A worker lost mid-task gives the message back to the broker; the key makes the second run a no-op.
    reject_on_worker_lost=True,
)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    reply_to: list[str] | None = None,
    headers: dict | None = None,
    envelope_from: str = "",
    message_key: str = "",
) -> int:
    """Send one already-rendered message, once. Rendering happens in the request, in the recipient's language.

    `envelope_from` is the SMTP sender (where bounces go) while the From header stays the library's.
    `message_key` (set when the message is queued) is checked and marked sent in one transaction, its row
    locked while the message goes out: a redelivered task, or one running alongside, sends nothing.
    """
    if not message_key:
        return _send(subject, body, to, html_body, reply_to, headers, envelope_from, message_key)
    with transaction.atomic():
        sent, _created = SentEmail.objects.select_for_update().get_or_create(key=message_key)
        if sent.sent_at is not None:
            return 0
        count = _send(subject, body, to, html_body, reply_to, headers, envelope_from, message_key)
        sent.sent_at = timezone.now()
        sent.save(update_fields=["sent_at"])
    return count


def _send(subject, body, to, html_body, reply_to, headers, envelope_from, message_key) -> int:
    headers = dict(headers or {})
    if message_key:
        # The same Message-ID on any resend lets the receiving side recognise a duplicate too.
        headers.setdefault("Message-ID", f"<{message_key}@{DNS_NAME}>")
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
