"""What follows from an exclusion's dates and decisions, computed when read and never stored.

Dates are calendar dates in the library system's time zone: an exclusion "until 14 March" lasts until the
end of 14 March where the library is, whatever the server's clock or a change to daylight-saving time.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q

from patroncare.libraries.calendar import (
    Unit,
    add_period,
    local_date,
    subtract_period,
    today_in,
    working_day_deadlines,
)
from patroncare.rulebook.models import AppealSettings, Outcome

from .models import Exclusion, ExclusionState


def needs_approval(exclusion: Exclusion) -> bool:
    return bool(exclusion.deviation_reason) and exclusion.deviation_approved_at is None


def exclusion_state(exclusion: Exclusion, *, today: date, open_appeal: bool) -> str:
    """The state on `today` (a local date). `open_appeal`: an appeal is filed and not yet decided."""
    if exclusion.rescinded_at is not None:
        return ExclusionState.RESCINDED
    if exclusion.end_date is not None and exclusion.end_date < today:
        return ExclusionState.ENDED
    if open_appeal:
        return ExclusionState.UNDER_APPEAL
    if needs_approval(exclusion) or exclusion.start_date > today:
        return ExclusionState.PENDING
    return ExclusionState.ACTIVE


def state_condition(state: str, *, today: date) -> Q:
    """`exclusion_state` as a database condition, for a query annotated with `has_open_appeal`.

    Each branch mirrors the order of `exclusion_state`: rescinded, then ended, then under appeal, then
    pending (a deviation waiting for approval, or not started yet), else active.
    """
    rescinded = Q(rescinded_at__isnull=False)
    ended = Q(end_date__isnull=False, end_date__lt=today)
    under_appeal = Q(has_open_appeal=True)
    pending = (~Q(deviation_reason="") & Q(deviation_approved_at__isnull=True)) | Q(start_date__gt=today)
    if state == ExclusionState.RESCINDED:
        return rescinded
    if state == ExclusionState.ENDED:
        return ~rescinded & ended
    if state == ExclusionState.UNDER_APPEAL:
        return ~rescinded & ~ended & under_appeal
    if state == ExclusionState.PENDING:
        return ~rescinded & ~ended & ~under_appeal & pending
    if state == ExclusionState.ACTIVE:
        return ~rescinded & ~ended & ~under_appeal & ~pending
    raise ValueError(f"Unknown exclusion state {state!r}")


def is_enforced(state: str, *, stays_in_force: bool) -> bool:
    """Whether staff must keep the person out today."""
    return state == ExclusionState.ACTIVE or (state == ExclusionState.UNDER_APPEAL and stays_in_force)


def end_of_local_day(system, day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=system.zone) - timedelta(microseconds=1)


def has_ended(exclusion: Exclusion, *, today: date | None = None) -> bool:
    """The last day has passed (a lifted permanent exclusion too)."""
    today = today or today_in(exclusion.system)
    return exclusion.end_date is not None and exclusion.end_date < today


def appeal_closed_by_end(
    exclusion: Exclusion, settings: AppealSettings, *, today: date | None = None
) -> bool:
    """An ended exclusion can no longer be appealed, unless the library's appeal rules allow it."""
    return has_ended(exclusion, today=today) and not settings.appeal_after_end


def is_appealable(exclusion: Exclusion, settings: AppealSettings, *, today: date | None = None) -> bool:
    """Whether an appeal may be recorded: long enough to be appealable and, unless allowed, not ended."""
    if appeal_closed_by_end(exclusion, settings, today=today):
        return False
    return is_appealable_kind(exclusion, settings)


def is_appealable_kind(exclusion: Exclusion, settings: AppealSettings) -> bool:
    """Whether the library's rules let this kind and length of exclusion be appealed at all."""
    if exclusion.outcome in (Outcome.PERMANENT, Outcome.PENDING_REVIEW):
        return True
    return (exclusion.length_days or 0) > settings.min_days_appealable


def notice_date(exclusion: Exclusion) -> date:
    """The day the notice was given: the earliest delivery recorded, else (until one is) the day of issue."""
    delivered = [delivery.delivered_on for delivery in exclusion.deliveries.all()] if exclusion.pk else []
    return min(delivered) if delivered else local_date(exclusion.system, exclusion.issued_at)


def appeal_deadline(exclusion: Exclusion, settings: AppealSettings) -> datetime:
    """The last moment an appeal is on time, counted from the notice date: the end of the last day, local."""
    system = exclusion.system
    last = add_period(notice_date(exclusion), settings.filing_days, settings.filing_unit, system=system)
    return end_of_local_day(system, last)


def decision_deadline(appeal, settings: AppealSettings) -> datetime:
    """When an appeal (or a request to lift) must be decided: counted from the day after it was received."""
    system = appeal.exclusion.system
    last = add_period(
        local_date(system, appeal.received_at), settings.decision_days, settings.decision_unit, system=system
    )
    return end_of_local_day(system, last)


def decision_deadlines(records, settings: AppealSettings, *, system) -> list[datetime]:
    """`decision_deadline` of many appeals and requests of one system, its closed days read once."""
    if settings.decision_unit == Unit.WORKING_DAYS:
        return working_day_deadlines(
            system=system, received=[record.received_at for record in records], days=settings.decision_days
        )
    return [decision_deadline(record, settings) for record in records]


def hearing_deadline(appeal, settings: AppealSettings) -> datetime | None:
    """When the hearing must have been held, if the library requires one: counted from the day after the
    appeal was received, in the working days of the exclusion's branch (its closures too) when it has one."""
    if not settings.hearing_required or not settings.hearing_days:
        return None
    exclusion = appeal.exclusion
    system = exclusion.system
    last = add_period(
        local_date(system, appeal.received_at),
        settings.hearing_days,
        settings.hearing_unit,
        system=system,
        branch=exclusion.branch,
    )
    return end_of_local_day(system, last)


def disclosure_deadline(hearing, settings: AppealSettings) -> datetime | None:
    """The end of the last day the documents may reach the person: the set time before the hearing's day."""
    if hearing is None or not settings.disclosure_days:
        return None
    exclusion = hearing.appeal.exclusion
    system = exclusion.system
    last = subtract_period(
        local_date(system, hearing.scheduled_at),
        settings.disclosure_days,
        settings.disclosure_unit,
        system=system,
        branch=exclusion.branch,
    )
    return end_of_local_day(system, last)


@dataclass(frozen=True)
class AppealDeadlines:
    """An open appeal's deadlines: the hearing (when one is required), the documents, the decision."""

    hearing_by: datetime | None
    disclose_by: datetime | None
    decide_by: datetime
    hearing_done: bool
    disclosed: bool

    def pending(self) -> list[tuple[str, datetime]]:
        """(clock, due) of each deadline still to be met, nearest first."""
        clocks = []
        if self.hearing_by is not None and not self.hearing_done:
            clocks.append(("hearing", self.hearing_by))
        if self.disclose_by is not None and not self.disclosed and not self.hearing_done:
            clocks.append(("disclosure", self.disclose_by))
        clocks.append(("decision", self.decide_by))
        return sorted(clocks, key=lambda clock: clock[1])


def appeal_deadlines(
    appeal, settings: AppealSettings, *, decide_by: datetime | None = None
) -> AppealDeadlines:
    """Every deadline of one appeal, read from its hearing (if any) and the library's appeal rules."""
    hearing = getattr(appeal, "hearing", None) if appeal.pk else None
    return AppealDeadlines(
        hearing_by=hearing_deadline(appeal, settings),
        disclose_by=disclosure_deadline(hearing, settings)
        if hearing is not None and settings.hearing_required
        else None,
        decide_by=decide_by or decision_deadline(appeal, settings),
        hearing_done=hearing is not None and hearing.is_recorded,
        disclosed=hearing is not None and hearing.documents_disclosed_on is not None,
    )
