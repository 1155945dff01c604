"""Reads of notification choices."""

from django.conf import settings

from .models import Delivery, Preference
from .registry import KINDS, kinds_in_order


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
