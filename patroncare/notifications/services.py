"""Telling staff: every "something waits for you" becomes a notification in the person's list, and an
e-mail at once or a line in their daily digest, as they chose for that kind. Safety alerts are always at once.
"""

from datetime import datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.mail import render_email, send_after_commit
from patroncare.notifications import events

from .models import Delivery, DigestLine, Notification, Preference
from .registry import KINDS
from .selectors import delivery_for
from .targets import target_key


def notify(*, user, kind: str, subject: str, body: str, url: str = "", target=None) -> str:
    """Put `subject` in the person's list and send `subject` and `body` once the transaction commits, or keep
    a line for the digest.

    Returns the delivery used. Nothing is sent for a change that rolls back (the list row rolls back with it).
    `subject` and `body` must name no patron and quote nothing a patron wrote: the link needs sign-in.
    """
    if user is None or not user.is_active:
        return ""
    Notification.objects.create(
        user=user, kind=kind, line=subject[:300], url=url[:500], target=target_key(target)
    )
    if not user.email:
        return "list"
    delivery = delivery_for(user=user, kind=kind)
    if delivery == Delivery.DIGEST:
        DigestLine.objects.create(user=user, kind=kind, line=subject[:300], url=url[:500])
        return delivery
    send_after_commit(subject=subject, body=body, to=[user.email])
    return delivery


def notifications_clear_for(*, obj, kinds: tuple[str, ...] | None = None, user=None) -> int:
    """Someone acted on the record: what waited about it is done, for everyone or for `user` only (an alert
    each person acknowledges). Returns how many were cleared."""
    unread = Notification.objects.filter(target=target_key(obj), read_at__isnull=True)
    if user is not None:
        unread = unread.filter(user=user)
    if kinds:
        unread = unread.filter(kind__in=kinds)
    return unread.update(read_at=timezone.now(), cleared_by_action=True)


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Only the person's own notification; another's is refused exactly as a missing one."""
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        raise ValidationError(_("This notification is not in your list."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


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


def digest_hour() -> int:
    """The hour of the morning, in each library system's own time zone, when digests go out."""
    return int(getattr(settings, "NOTIFICATIONS_DIGEST_HOUR", 7))


def last_digest_moment(*, time_zone: str, now: datetime) -> datetime:
    """The latest digest time at or before `now` in `time_zone` (today's if it has passed, else yesterday's).

    Computed on the local calendar, so a change to or from summer time still gives the local hour.
    """
    zone = ZoneInfo(time_zone)
    local = now.astimezone(zone)
    day = local.date()
    moment = datetime.combine(day, time(digest_hour()), tzinfo=zone)
    if moment > local:
        moment = datetime.combine(day - timedelta(days=1), time(digest_hour()), tzinfo=zone)
    return moment


def send_digests(*, now=None) -> int:
    """One e-mail per person with every line held before their system's latest digest time.

    The job runs every hour; a person's lines go out at the first run after the digest hour of their library
    system's time zone, and lines that came later wait for the next morning. Returns how many were sent.
    """
    now = now or timezone.now()
    lines = (
        DigestLine.objects.filter(sent_at__isnull=True, user__is_active=True)
        .select_related("user__library_system")
        .order_by("user_id", "created_at", "id")
    )
    sent = 0
    for _user_id, held in groupby(lines, key=lambda line: line.user_id):
        held = list(held)
        user = held[0].user
        system = user.library_system
        moment = last_digest_moment(time_zone=system.time_zone if system else settings.TIME_ZONE, now=now)
        held = [line for line in held if line.created_at <= moment]
        if not held:
            continue
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


def tell(
    *, users, kind: str, line, url_name: str, url_args=(), target=None, params: dict | None = None
) -> int:
    """Tell each of `users` that something waits: `line` (a lazy translation, with `params`) in their own
    language, a link that needs sign-in, and nothing else. Returns how many were told."""
    from django.utils import translation

    from patroncare.core.mail import absolute_link

    url = absolute_link(url_name, *url_args)
    told = 0
    for user in users:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = str(line) % (params or {})
        subject_line, body = render_email(
            language=user.preferred_language or settings.LANGUAGE_CODE,
            subject_template="notifications/email/waiting_subject.txt",
            body_template="notifications/email/waiting_body.txt",
            context={"recipient": user, "line": subject, "url": url},
        )
        if notify(user=user, kind=kind, subject=subject_line, body=body, url=url, target=target):
            told += 1
    return told
