"""Survey reminders: before an open round closes, those it asks who have not answered are told, once.

Who has answered is read from `Participation` only; answers are never read, and nothing about a reminder
is written next to an answer. "Before it closes" is counted in calendar days of the library's time zone.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from patroncare.accounts.models import User
from patroncare.libraries.calendar import today_in
from patroncare.notifications.services import tell

from .models import Participation, Round

REMIND_DAYS_BEFORE_CLOSING = 3


def reminder_day(round_: Round):
    """The local day the reminder goes: three days before closing, and never on the day the round opens."""
    return max(
        round_.closes_on - timedelta(days=REMIND_DAYS_BEFORE_CLOSING), round_.opens_on + timedelta(days=1)
    )


def people_not_answered(round_: Round):
    """Active staff of the round's system who hold one of its roles at one of its branches (or for the whole
    system) and have no participation in it."""
    branch_ids = list(round_.branches.values_list("pk", flat=True))
    return (
        User.objects.filter(
            Q(role_assignments__branch_id__in=branch_ids) | Q(role_assignments__branch__isnull=True),
            library_system_id=round_.system_id,
            is_active=True,
            role_assignments__role__in=round_.role_codes,
        )
        .exclude(pk__in=Participation.objects.filter(round=round_).values("user_id"))
        .distinct()
        .order_by("pk")
    )


def survey_reminders_send(*, now=None) -> int:
    """Remind, once per round, everyone a round still waits for; returns how many people were told."""
    now = now or timezone.now()
    told = 0
    candidates = Round.objects.filter(reminded_on__isnull=True).select_related("system")
    for round_ in candidates.filter(closes_on__gte=(now - timedelta(days=1)).date()):
        today = today_in(round_.system, now)
        if not (round_.is_open(today) and today >= reminder_day(round_)):
            continue
        with transaction.atomic():
            # Claimed first: two schedulers running at once remind nobody twice.
            if not Round.objects.filter(pk=round_.pk, reminded_on__isnull=True).update(reminded_on=today):
                continue
            told += tell(
                users=list(people_not_answered(round_)),
                kind="surveys.reminder",
                # No title: the line is put in each person's language, and the title is the library's text.
                line=gettext_lazy("A staff survey waits for you until %(day)s; your answers are anonymous"),
                params={"day": round_.closes_on.isoformat()},
                url_name="surveys:answer",
                url_args=(round_.pk,),
                target=round_,
            )
    return told
