"""Lockout of an account after failed sign-ins, longer each time the guessing goes on.

django-axes counts failures per account (from any address: a password guessed from many addresses still
locks). The first lock lasts PATRONCARE_LOCKOUT_MINUTES; every further round of failures, even while
locked, doubles it, up to a day. A successful sign-in clears the count (AXES_RESET_ON_SUCCESS).
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ALL

LONGEST_LOCK = timedelta(hours=24)


def _recent_failures(username: str) -> int:
    since = timezone.now() - LONGEST_LOCK
    found = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return found.aggregate(total=Sum("failures_since_start"))["total"] or 0


def cool_off(request=None) -> timedelta:
    first_lock = timedelta(minutes=settings.PATRONCARE_LOCKOUT_MINUTES)
    username = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD, "")
    if not username:
        return first_lock
    rounds = max(0, _recent_failures(username) // settings.AXES_FAILURE_LIMIT - 1)
    # Past 2**10 rounds the lock is a day anyway; the cap keeps the number small.
    return min(first_lock * 2 ** min(rounds, 10), LONGEST_LOCK)


# Failed sign-ins per address are counted apart from accounts: many accounts tried with one password
# from one place are stopped there, and nobody can lock a colleague's account by sharing their address.
ADDRESS_GROUP = "accounts.sign-in-failures"


def _address_usage(request, *, increment: bool) -> dict:
    return get_usage(
        request,
        group=ADDRESS_GROUP,
        key="ip",
        rate=settings.PATRONCARE_SIGN_IN_ADDRESS_RATE,
        method=ALL,
        increment=increment,
    )


def address_is_refused(request) -> bool:
    """True once the address has used up its failures ("30/h": the 31st sign-in is refused unseen)."""
    usage = _address_usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_failure_from_address(request) -> None:
    _address_usage(request, increment=True)
