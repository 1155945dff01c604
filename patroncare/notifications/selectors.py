"""Reads of notification choices."""

from django.conf import settings

from .models import Delivery, Notification, Preference
from .registry import KINDS, kinds_in_order
from .targets import target_key


def digests_available() -> bool:
    """Daily digests need the scheduler of the task engine; without a broker every message goes at once."""
    return not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True) or getattr(
        settings, "NOTIFICATIONS_DIGESTS_WITHOUT_BROKER", False
    )


def delivery_for(*, user, kind: str) -> str:
    registered = KINDS.get(kind)
    if registered is None or registered.always_immediate or not digests_available():
        return Delivery.IMMEDIATE
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return chosen or Delivery.IMMEDIATE


def preferences_of(*, user) -> list[tuple]:
    """(kind, current delivery) for every registered kind, in display order."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.key, Delivery.IMMEDIATE)) for kind in kinds_in_order()]


def notifications_of(*, user, unread_only: bool = False, limit: int = 100):
    """A person's own notifications, newest first; nobody reads another's."""
    rows = Notification.objects.filter(user=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-id")[:limit]


def unread_count(*, user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def staff_with_roles(*, system_id: int, roles, branch_id: int | None = None, exclude_ids=()):
    """Active people of the system holding one of `roles` at the branch or for the whole system.

    One filter() call, so the role and its branch are the same assignment. `branch_id=None` asks for
    system-wide holders only.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    where = Q(role_assignments__branch__isnull=True)
    if branch_id is not None:
        where |= Q(role_assignments__branch_id=branch_id)
    return (
        get_user_model()
        .objects.filter(where, library_system_id=system_id, is_active=True, role_assignments__role__in=roles)
        .exclude(pk__in=[pk for pk in exclude_ids if pk])
        .distinct()
        .order_by("email")
    )


def told_about(*, kind: str, target) -> set[int]:
    """Ids of the people who already have a notification of `kind` about the record, read or not: a job that
    runs again tells nobody twice."""
    return set(
        Notification.objects.filter(kind=kind, target=target_key(target)).values_list("user_id", flat=True)
    )
