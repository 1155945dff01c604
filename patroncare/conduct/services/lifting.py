"""Requests to lift a permanent exclusion: when one may be made, who decides it, and what granting does.

A permanent exclusion carries the first day the person may ask in writing for it to be lifted
(`Exclusion.lift_request_after`). After a refusal the next request may be made
`AppealSettings.lift_request_interval_days` later. An earlier request is recorded only with a good cause,
as a late appeal is (see `appeals.py`). The request is decided by the same person as an appeal, never by
the issuer; granting ends the exclusion the day before the person may return.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.conduct import events
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import StaleEditError, save_if_unchanged
from patroncare.libraries.calendar import local_date, today_in
from patroncare.notifications.services import notifications_clear_for
from patroncare.rulebook.models import AppealSettings, Outcome
from patroncare.rulebook.selectors import appeal_settings_for

from ..models import Exclusion, LiftDecision, LiftRequest
from ..permissions import may_decide_lift_request
from .appeals import require_spanish_reason
from .waiting import tell_deciders

# A request typed as a date alone is taken as received at midday, local time (or now, on the morning of the
# day): midday exists on every day in every time zone (midnight does not, where the clocks change at
# midnight), so its local date never shifts.
_DATE_ONLY_TIME = time(12)


def received_moment(system, received: date | datetime) -> datetime:
    """An aware moment for a request received at `received` (a local date, or a date and time)."""
    if isinstance(received, datetime):
        return received if timezone.is_aware(received) else timezone.make_aware(received, system.zone)
    moment = datetime.combine(received, _DATE_ONLY_TIME, tzinfo=system.zone)
    now = timezone.now()
    if moment > now and local_date(system, now) == received:
        return now  # received this morning: it is not in the future
    return moment


def next_request_date(lift_request: LiftRequest, settings: AppealSettings) -> date | None:
    """After a refusal: the first local day on which a new request may be made."""
    if lift_request.decision != LiftDecision.REFUSED or lift_request.decided_at is None:
        return None
    system = lift_request.exclusion.system
    return local_date(system, lift_request.decided_at) + timedelta(days=settings.lift_request_interval_days)


def earliest_request_date(exclusion: Exclusion, settings: AppealSettings) -> date | None:
    """The first local day a request may be made on: the exclusion's date, or later after a refusal.

    Reads `exclusion.lift_requests.all()` (prefetched by the exclusion's selector).
    """
    dates = [exclusion.lift_request_after] if exclusion.lift_request_after else []
    dates += [
        day
        for request in exclusion.lift_requests.all()
        if (day := next_request_date(request, settings)) is not None
    ]
    return max(dates) if dates else None


def can_be_asked_to_lift(exclusion: Exclusion) -> bool:
    """A permanent exclusion, not rescinded and not already lifted."""
    return (
        exclusion.outcome == Outcome.PERMANENT
        and exclusion.rescinded_at is None
        and exclusion.end_date is None
    )


@transaction.atomic
def lift_request_record(
    *,
    actor,
    exclusion: Exclusion,
    received_at: date | datetime,
    received_how: str,
    statement: str,
    what_changed: str = "",
    early_cause: str = "",
    letter_language: str = "en",
) -> LiftRequest:
    system = exclusion.system
    if exclusion.outcome != Outcome.PERMANENT:
        raise ValidationError(_("Only a permanent exclusion can be asked to be lifted."))
    if exclusion.rescinded_at is not None:
        raise ValidationError(_("This exclusion was rescinded; there is nothing to lift."))
    if exclusion.end_date is not None:
        raise ValidationError(_("This exclusion has already been lifted."))
    moment = received_moment(system, received_at)
    if moment > timezone.now():
        raise ValidationError({"received_at": _("A request cannot be received in the future.")})
    requests = list(LiftRequest.objects.filter(exclusion=exclusion).select_related("exclusion__system"))
    if any(request.is_open for request in requests):
        raise ValidationError(_("A request to lift this exclusion is already waiting for a decision."))
    settings = appeal_settings_for(system)
    received_day = local_date(system, moment)
    earliest, reason = exclusion.lift_request_after, "date"
    for request in requests:
        day = next_request_date(request, settings)
        if day is not None and (earliest is None or day > earliest):
            earliest, reason = day, "refusal"
    early = earliest is not None and received_day < earliest
    if early and not early_cause.strip():
        day = formats.date_format(earliest, "DATE_FORMAT")
        if reason == "refusal":
            message = _(
                "An earlier request was refused: a new one may be made from %(day)s. An earlier request is "
                "accepted only for good cause: record it here."
            ) % {"day": day}
        else:
            message = _(
                "This exclusion may be asked to be lifted from %(day)s. An earlier request is accepted "
                "only for good cause: record it here."
            ) % {"day": day}
        raise ValidationError({"early_cause": message})
    lift_request = LiftRequest(
        exclusion=exclusion,
        received_at=moment,
        received_how=received_how,
        statement=statement.strip(),
        what_changed=what_changed.strip(),
        early_cause=early_cause.strip() if early else "",
        recorded_by=actor,
        letter_language=letter_language,
    )
    lift_request.full_clean()
    lift_request.save()
    events.lift_requested(actor=actor, lift_request=lift_request, system=system, early=early)
    tell_deciders(
        exclusion=lift_request.exclusion,
        may=lambda person: may_decide_lift_request(person, lift_request),
        kind="conduct.lift_to_decide",
        line=gettext_lazy("A request to lift an exclusion waits for your decision"),
        url_name="conduct:lift_request_decide",
        url_args=(lift_request.exclusion_id, lift_request.pk),
        target=lift_request,
    )
    return lift_request


@transaction.atomic
def lift_request_decide(
    *,
    actor,
    lift_request: LiftRequest,
    expected_version: int,
    decision: str,
    reason: str,
    lifted_from: date | None = None,
    return_conditions: str = "",
    reason_es: str = "",
    return_conditions_es: str = "",
) -> LiftRequest:
    exclusion = lift_request.exclusion
    if lift_request.decision:
        raise _already_decided(lift_request)
    refuse_unless(
        may_decide_lift_request(actor, lift_request),
        _("You may not decide this request: it is decided by someone other than the issuer."),
    )
    if not reason.strip():
        raise ValidationError(
            {"decision_reason": _("Give the reason for the decision; it goes in the letter.")}
        )
    require_spanish_reason(lift_request.letter_language, reason_es)
    spanish = lift_request.letter_language == "es"
    today = today_in(exclusion.system)
    if decision == LiftDecision.GRANTED:
        if lifted_from is None:
            raise ValidationError({"lifted_from": _("Give the first day the person may return.")})
        if lifted_from < today:
            raise ValidationError({"lifted_from": _("The first day back cannot be in the past.")})
        if lifted_from <= exclusion.start_date:
            raise ValidationError({"lifted_from": _("The first day back must be after the exclusion began.")})
        if spanish and return_conditions.strip() and not return_conditions_es.strip():
            raise ValidationError(
                {
                    "return_conditions_es": _(
                        "The decision letter is in Spanish: give the conditions for return in Spanish too."
                    )
                }
            )
    elif decision == LiftDecision.REFUSED:
        lifted_from, return_conditions, return_conditions_es = None, "", ""
    else:
        raise ValidationError({"decision": _("Choose granted or refused.")})
    lift_request.decision, lift_request.decision_reason = decision, reason.strip()
    lift_request.lifted_from, lift_request.return_conditions = lifted_from, return_conditions.strip()
    lift_request.decision_reason_es = reason_es.strip() if spanish else ""
    lift_request.return_conditions_es = return_conditions_es.strip() if spanish else ""
    lift_request.decided_by, lift_request.decided_at = actor, timezone.now()
    try:
        save_if_unchanged(
            lift_request,
            expected_version=expected_version,
            fields=[
                "decision",
                "decision_reason",
                "decision_reason_es",
                "lifted_from",
                "return_conditions",
                "return_conditions_es",
                "decided_by",
                "decided_at",
            ],
        )
    except StaleEditError:
        current = LiftRequest.objects.select_related("decided_by").get(pk=lift_request.pk)
        if current.decision:
            raise _already_decided(current) from None
        raise
    changes = {"decision": decision}
    if decision == LiftDecision.GRANTED:
        before_end = exclusion.end_date
        exclusion.end_date = lifted_from - timedelta(days=1)
        save_if_unchanged(exclusion, expected_version=exclusion.version, fields=["end_date"])
        changes["end_date"] = [str(before_end), str(exclusion.end_date)]
    events.lift_decided(
        actor=actor, lift_request=lift_request, exclusion=exclusion, decision=decision, changes=changes
    )
    if decision == LiftDecision.GRANTED:
        from .letters import notice_amend

        notice_amend(actor=actor, exclusion=exclusion, reason="lift_granted")
    notifications_clear_for(obj=lift_request)
    return lift_request


def _already_decided(lift_request: LiftRequest) -> ValidationError:
    return ValidationError(
        _(
            "This request was decided by %(who)s (%(decision)s) while you were deciding it. Your decision "
            "was not saved; what you wrote is still below."
        )
        % {
            "who": lift_request.decided_by or _("someone else"),
            "decision": lift_request.get_decision_display().lower(),
        },
        code="stale",
    )
