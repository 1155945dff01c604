"""Telling staff: at once by e-mail through the task engine, or held for the daily digest."""

from itertools import groupby

from django.db import transaction
from django.utils import timezone

from patroncare.core.mail import render_email, send_after_commit
from patroncare.notifications import events

from .models import Delivery, DigestLine, Preference
from .registry import KINDS
from .selectors import delivery_for


def notify(*, user, kind: str, subject: str, body: str, url: str = "") -> str:
    """Send `subject` and `body` to `user` once the transaction commits, or keep a line for the digest.

    Returns the delivery used. Nothing is sent for a change that rolls back.
    """
    if user is None or not user.email or not user.is_active:
        return ""
    delivery = delivery_for(user=user, kind=kind)
    if delivery == Delivery.DIGEST:
        DigestLine.objects.create(user=user, kind=kind, line=subject[:300], url=url[:500])
        return delivery
    send_after_commit(subject=subject, body=body, to=[user.email])
    return delivery


@transaction.atomic
def preferences_save(*, user, choices: dict[str, str]) -> None:
    """Save a person's choice per kind; kinds that are always immediate cannot be held back."""
    for key, delivery in choices.items():
        kind = KINDS.get(key)
        if kind is None or delivery not in Delivery.values:
            continue
        if kind.always_immediate or delivery == Delivery.IMMEDIATE:
            Preference.objects.filter(user=user, kind=key).delete()
        else:
            Preference.objects.update_or_create(user=user, kind=key, defaults={"delivery": delivery})
    events.choices_saved(user=user)


def send_digests(*, now=None) -> int:
    """One e-mail per person with every line held since their last digest. Returns how many were sent."""
    now = now or timezone.now()
    lines = (
        DigestLine.objects.filter(sent_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    sent = 0
    for _user_id, held in groupby(lines, key=lambda line: line.user_id):
        held = list(held)
        user = held[0].user
        subject, body = render_email(
            language=user.preferred_language,
            subject_template="notifications/email/digest_subject.txt",
            body_template="notifications/email/digest_body.txt",
            context={"recipient": user, "lines": held},
        )
        with transaction.atomic():
            DigestLine.objects.filter(pk__in=[line.pk for line in held]).update(sent_at=now)
            send_after_commit(subject=subject, body=body, to=[user.email])
        sent += 1
    return sent
