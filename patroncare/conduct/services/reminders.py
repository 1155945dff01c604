"""Reminders to whoever decides an appeal: the hearing, the documents and the decision, each once when it is
within one working day and once when it has passed.

Each is sent once per decider, deadline and due date, whatever the number of runs; a hearing moved to another
day gives its documents' deadline a new due date, and so a new reminder. The scan is a plain function, so it
runs in a scheduled task or in-process alike.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts import roles
from patroncare.accounts.models import User
from patroncare.accounts.permissions import prime_role_scopes
from patroncare.core.mail import base_url, render_email
from patroncare.libraries.calendar import WorkingCalendar, local_date
from patroncare.notifications.services import notify
from patroncare.rulebook.selectors import appeal_settings_for

from ..models import Appeal, AppealDeadlineNotice, ReminderWhen
from ..permissions import may_decide
from ..selectors import attach_hearings
from ..state import appeal_deadlines

SOON_WORKING_DAYS = 1
LOOKAHEAD_DAYS = 10


@dataclass
class ReminderCounts:
    soon: int = 0
    passed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"soon": self.soon, "passed": self.passed}


def reminder_state(*, appeal: Appeal, due_at, now, calendars: dict) -> str:
    """ "passed", "soon" (within one working day of the exclusion's branch) or ""."""
    if due_at < now:
        return ReminderWhen.PASSED
    exclusion = appeal.exclusion
    system = exclusion.system
    today, due_day = local_date(system, now), local_date(system, due_at)
    key = (system.pk, exclusion.branch_id)
    calendar = calendars.get(key)
    if calendar is None or not calendar.covers(due_day):
        last = max(due_day, today + timedelta(days=LOOKAHEAD_DAYS + 1))
        calendar = calendars[key] = WorkingCalendar(
            system=system, first=today, last=last, branch=exclusion.branch
        )
    return ReminderWhen.SOON if calendar.working_days_between(today, due_day) <= SOON_WORKING_DAYS else ""


def deciders_of(appeal: Appeal, settings, cache: dict) -> list:
    """The active people of the appeal's system who may decide it (read once per system per run)."""
    system = appeal.exclusion.system
    people = cache.get(system.pk)
    if people is None:
        people = list(
            User.objects.filter(library_system=system, is_active=True)
            .filter(Q(role_assignments__role__in=roles.OVERSIGHT) | Q(pk=system.director_id))
            .distinct()
            .select_related("library_system")
        )
        prime_role_scopes(people)
        cache[system.pk] = people
    return [person for person in people if may_decide(person, appeal, settings=settings)]


def _record_once(*, appeal, clock, when, due_at, recipient) -> bool:
    """Record the reminder; False when it was already sent (by this run or an earlier one)."""
    try:
        with transaction.atomic():
            AppealDeadlineNotice.objects.create(
                appeal=appeal, clock=clock, when=when, due_at=due_at, recipient=recipient
            )
    except IntegrityError:
        return False
    return True


def _tell(*, person, appeal, clock, when, due_at) -> None:
    subject, body = render_email(
        language=person.preferred_language,
        subject_template=f"conduct/email/appeal_deadline_{when}_subject.txt",
        body_template=f"conduct/email/appeal_deadline_{when}_body.txt",
        context={
            "appeal": appeal,
            "exclusion": appeal.exclusion,
            "clock": clock,
            "due_at": due_at,
            "recipient": person,
            "base_url": base_url(),
        },
    )
    url = base_url() + reverse("conduct:appeal_decide", args=[appeal.exclusion_id, appeal.pk])
    notify(user=person, kind=f"conduct.appeal_deadline_{when}", subject=subject, body=body, url=url)


def appeal_reminders_send(*, now=None) -> dict[str, int]:
    """Tell each decider once of each deadline of an open appeal that is near or has passed."""
    now = now or timezone.now()
    appeals = (
        Appeal.objects.filter(decision="", exclusion__rescinded_at__isnull=True)
        .select_related("exclusion__system", "exclusion__branch", "exclusion__person")
        .order_by("id")
    )
    appeals = list(appeals)
    attach_hearings(appeals)
    sent = set(
        AppealDeadlineNotice.objects.filter(appeal__in=appeals).values_list(
            "appeal_id", "clock", "when", "due_at", "recipient_id"
        )
    )
    counts, calendars, people, settings_of = ReminderCounts(), {}, {}, {}
    for appeal in appeals:
        system = appeal.exclusion.system
        settings = settings_of.get(system.pk) or settings_of.setdefault(
            system.pk, appeal_settings_for(system)
        )
        for clock, due_at in appeal_deadlines(appeal, settings).pending():
            if due_at > now + timedelta(days=LOOKAHEAD_DAYS):
                continue
            when = reminder_state(appeal=appeal, due_at=due_at, now=now, calendars=calendars)
            if not when:
                continue
            for person in deciders_of(appeal, settings, people):
                if (appeal.pk, clock, when, due_at, person.pk) in sent:
                    continue
                if not _record_once(appeal=appeal, clock=clock, when=when, due_at=due_at, recipient=person):
                    continue
                with transaction.atomic():
                    _tell(person=person, appeal=appeal, clock=clock, when=when, due_at=due_at)
                setattr(counts, when, getattr(counts, when) + 1)
    return counts.as_dict()
