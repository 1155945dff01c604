"""Telling staff that a survey round asks them: when it opens (at once when it starts open, otherwise by the
hourly job on its first day), and again to anyone who joins one of its branches or roles while it is open.

Each person is told once per round. Answering clears their notification; a round that closes clears what is
left, since nothing waits any more.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from patroncare.libraries.calendar import local_date, today_in
from patroncare.notifications.selectors import told_about
from patroncare.notifications.services import notifications_clear_for, tell

from .models import Participation, Round

ROUND_OPEN = "surveys.round_open"
LINE = gettext_lazy("The staff survey “%(title)s” is open until %(closes)s. Your answers are anonymous.")


def asked_staff(round_: Round):
    """Active staff of the round's system holding one of its roles at one of its branches or system-wide,
    in one filter() so that the role and its branch are the same assignment."""
    branch_ids = list(round_.branches.values_list("pk", flat=True))
    if not branch_ids or not round_.role_codes:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            Q(role_assignments__branch__isnull=True) | Q(role_assignments__branch_id__in=branch_ids),
            library_system_id=round_.system_id,
            is_active=True,
            role_assignments__role__in=round_.role_codes,
        )
        .distinct()
        .order_by("email")
    )


def round_open_tell(round_: Round, *, today=None) -> int:
    """Tell everyone the open round asks who has neither been told nor answered. Returns how many were told.

    `today` is the library's day (its own time zone); by default, today.
    """
    if not round_.is_open(today or today_in(round_.system)):
        return 0
    skip = told_about(kind=ROUND_OPEN, target=round_) | set(
        Participation.objects.filter(round=round_).values_list("user_id", flat=True)
    )
    # The title is library-written in both languages: read it in each recipient's language when the line is
    # written (tell() formats the line inside that language).
    title = lazy(lambda: round_.title, str)()
    return tell(
        users=[user for user in asked_staff(round_) if user.pk not in skip],
        kind=ROUND_OPEN,
        line=LINE,
        params={"title": title, "closes": round_.closes_on.isoformat()},
        url_name="surveys:answer",
        url_args=(round_.pk,),
        target=round_,
    )


def round_answered(*, user, round_: Round) -> None:
    notifications_clear_for(obj=round_, kinds=(ROUND_OPEN,), user=user)


def rounds_open_tell(*, now=None) -> dict[str, int]:
    """The hourly job: tell the staff of every round open today (in its system's time zone), and clear what
    still waits about rounds that have closed."""
    now = now or timezone.now()
    # Every library's today is within a day of the server's: the exact test is is_open() per system.
    server_day = timezone.localdate(now)
    candidates = Round.objects.filter(
        opens_on__lte=server_day + timedelta(days=1), closes_on__gte=server_day - timedelta(days=1)
    ).select_related("system")
    told = sum(round_open_tell(round_, today=local_date(round_.system, now)) for round_ in candidates)
    cleared = 0
    for round_ in Round.objects.filter(
        closes_on__lt=server_day + timedelta(days=1), closes_on__gte=server_day - timedelta(days=30)
    ).select_related("system"):
        if round_.closes_on < local_date(round_.system, now):
            cleared += notifications_clear_for(obj=round_, kinds=(ROUND_OPEN,))
    return {"told": told, "cleared": cleared}
