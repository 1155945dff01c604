"""An e-mail is sent once, however many times the broker delivers its task.

With acks_late a worker killed after sending, before acknowledging, gets the task delivered again; the key
given to the message when it was queued is marked sent in the same transaction as the sending, so the second
run sends nothing. A send that failed leaves the key unmarked, and its retry sends.
"""

from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from patroncare.core.models import SentEmail
from patroncare.core.tasks import send_email

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Your complaint", "body": "We received it.", "to": ["patron@example.org"]}


def test_a_task_delivered_twice_sends_its_message_once():
    send_email.apply(kwargs={**MESSAGE, "message_key": "k-1"})
    send_email.apply(kwargs={**MESSAGE, "message_key": "k-1"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<k-1@")
    assert SentEmail.objects.get(key="k-1").sent_at is not None


def test_each_queued_message_gets_its_own_key():
    send_email.delay(**MESSAGE)
    send_email.delay(**MESSAGE)
    assert len(mail.outbox) == 2
    ids = {message.extra_headers["Message-ID"] for message in mail.outbox}
    assert len(ids) == 2
    assert SentEmail.objects.filter(sent_at__isnull=False).count() == 2


def test_a_failed_send_is_not_marked_so_its_retry_sends(monkeypatch):
    real_send = EmailMultiAlternatives.send
    failures = iter([True])

    def send_failing_once(message, *args, **kwargs):
        if next(failures, False):
            raise SMTPException("451 try again later")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_failing_once)
    with pytest.raises(SMTPException):
        send_email.run(**MESSAGE, message_key="k-2")
    assert SentEmail.objects.filter(key="k-2", sent_at__isnull=False).count() == 0
    send_email.run(**MESSAGE, message_key="k-2")
    send_email.run(**MESSAGE, message_key="k-2")
    assert len(mail.outbox) == 1


def test_the_task_is_acknowledged_after_it_ran():
    assert send_email.acks_late is True
    assert send_email.reject_on_worker_lost is True
