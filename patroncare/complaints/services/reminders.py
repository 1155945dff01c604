"""Reminders to case owners: a deadline within one working day of the branch, and a deadline passed.

Each is sent once per clock and due date, whatever the number of runs; an extension (a new due date) gives
a new reminder. The scan is a plain function, so it runs in a scheduled task or in-process alike.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from patroncare.libraries.calendar import WorkingCalendar, local_date

from ..models import Complaint, DeadlineClock, DeadlineNotice, DeadlineWhen
from ..models.choices import OPEN_STATUSES
from ..permissions import can_read_restricted
from .notify import mail_staff

# Only cases due within this many calendar days are looked at; a branch closed longer than this is rare, and
# its cases are then reminded a little later, never twice.
LOOKAHEAD_DAYS = 10
SOON_WORKING_DAYS = 1


@dataclass
class ReminderCounts:
    soon: int = 0
    passed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"soon": self.soon, "passed": self.passed}


def _clocks(complaint: Complaint):
    if complaint.acknowledged_at is None and complaint.acknowledge_due_at:
        yield DeadlineClock.ACKNOWLEDGE, complaint.acknowledge_due_at
    if complaint.responded_at is None and complaint.respond_due_at:
        yield DeadlineClock.RESPOND, complaint.respond_due_at


def deadline_state(*, complaint: Complaint, due_at, now, calendars: dict | None = None) -> str:
    """ "passed", "soon" (within one working day of the branch) or "".

    `calendars` keeps one working calendar per branch over the run, so a scan reads each branch's closed
    days once rather than once per case."""
    if due_at < now:
        return DeadlineWhen.PASSED
    system = complaint.system
    today, due_day = local_date(system, now), local_date(system, due_at)
    calendars = {} if calendars is None else calendars
    key = (complaint.system_id, complaint.branch_id)
    calendar = calendars.get(key)
    if calendar is None or not calendar.covers(due_day):
        last = max(due_day, today + timedelta(days=LOOKAHEAD_DAYS + 1))
        calendar = calendars[key] = WorkingCalendar(
            system=system, first=today, last=last, branch=complaint.branch
        )
    days = calendar.working_days_between(today, due_day)
    return DeadlineWhen.SOON if days <= SOON_WORKING_DAYS else ""


def _record_once(*, complaint, clock, when, due_at) -> bool:
    """Record the reminder; False when it was already sent (by this run or an earlier one)."""
    try:
        with transaction.atomic():
            DeadlineNotice.objects.create(
                complaint=complaint, clock=clock, when=when, due_at=due_at, recipient=complaint.owner
            )
    except IntegrityError:
        return False
    return True


def deadline_reminders_send(*, now=None) -> dict[str, int]:
    """Tell each owner once of each deadline of theirs that is near or has passed. Returns the counts."""
    now = now or timezone.now()
    horizon = now + timedelta(days=LOOKAHEAD_DAYS)
    cases = (
        Complaint.objects.filter(status__in=OPEN_STATUSES, owner__isnull=False, owner__is_active=True)
        .filter(
            Q(acknowledged_at__isnull=True, acknowledge_due_at__lte=horizon)
            | Q(responded_at__isnull=True, respond_due_at__lte=horizon)
        )
        .select_related("owner", "branch", "system", "category")
        .order_by("id")
    )
    sent = set(
        DeadlineNotice.objects.filter(complaint__in=cases).values_list(
            "complaint_id", "clock", "when", "due_at"
        )
    )
    counts = ReminderCounts()
    calendars: dict = {}
    for complaint in cases:
        if complaint.restricted and not can_read_restricted(complaint.owner, complaint):
            continue
        for clock, due_at in _clocks(complaint):
            when = deadline_state(complaint=complaint, due_at=due_at, now=now, calendars=calendars)
            if not when or (complaint.pk, clock, when, due_at) in sent:
                continue
            if not _record_once(complaint=complaint, clock=clock, when=when, due_at=due_at):
                continue
            with transaction.atomic():
                mail_staff(
                    user=complaint.owner,
                    complaint=complaint,
                    subject_template=f"complaints/email/deadline_{when}_subject.txt",
                    body_template=f"complaints/email/deadline_{when}_body.txt",
                    kind=f"complaints.deadline_{when}",
                    context={"clock": clock, "due_at": due_at},
                )
            setattr(counts, when, getattr(counts, when) + 1)
    return counts.as_dict()
