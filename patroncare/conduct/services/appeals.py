"""Appeals: filed by the deadline (late only for good cause), decided by someone other than the issuer."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.conduct import events
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.decisions import already_decided_message
from patroncare.libraries.calendar import local_date
from patroncare.notifications.services import notifications_clear_for
from patroncare.rulebook.selectors import appeal_settings_for

from ..models import Appeal, AppealDecision, Exclusion
from ..permissions import may_decide
from ..state import appeal_closed_by_end, appeal_deadline, is_appealable_kind
from .hearings import hearing_blocks_decision
from .letters import notice_amend
from .waiting import tell_deciders


@transaction.atomic
def appeal_file(
    *,
    actor,
    exclusion: Exclusion,
    received_at: datetime,
    statement: str,
    good_cause: str = "",
    letter_language: str = "en",
) -> Appeal:
    settings = appeal_settings_for(exclusion.system)
    if exclusion.rescinded_at is not None:
        raise ValidationError(_("This exclusion was rescinded; there is nothing to appeal."))
    if appeal_closed_by_end(exclusion, settings):
        raise ValidationError(
            _(
                "This exclusion ended on %(day)s. Under your library's appeal rules an exclusion that has "
                "ended can no longer be appealed."
            )
            % {"day": exclusion.end_date.isoformat()}
        )
    if not is_appealable_kind(exclusion, settings):
        raise ValidationError(
            _("Under your library's appeal rules, exclusions of %(days)s days or less cannot be appealed.")
            % {"days": settings.min_days_appealable}
        )
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("An appeal cannot be received in the future.")})
    if exclusion.appeals.filter(decision="").exists():
        raise ValidationError(_("An appeal of this exclusion is already waiting for a decision."))
    deadline = appeal_deadline(exclusion, settings)
    late = received_at > deadline
    if late and not settings.late_with_good_cause:
        raise ValidationError(
            {
                "received_at": _(
                    "The deadline to appeal passed at the end of %(day)s. Under your library's appeal rules "
                    "a late appeal cannot be accepted, even for good cause."
                )
                % {"day": local_date(exclusion.system, deadline).isoformat()}
            }
        )
    if late and not good_cause.strip():
        raise ValidationError(
            {
                "good_cause": _(
                    "The deadline to appeal has passed. A late appeal is accepted only for good cause: "
                    "record it here."
                )
            }
        )
    appeal = Appeal(
        exclusion=exclusion,
        received_at=received_at,
        statement=statement,
        good_cause=good_cause.strip() if late else "",
        recorded_by=actor,
        letter_language=letter_language,
    )
    appeal.full_clean()
    appeal.save()
    events.appeal_filed(actor=actor, appeal=appeal, exclusion=exclusion, late=late)
    tell_deciders(
        exclusion=exclusion,
        may=lambda person: may_decide(person, appeal),
        kind="conduct.appeal_to_decide",
        line=gettext_lazy("An appeal against an exclusion waits for your decision"),
        url_name="conduct:appeal_decide",
        url_args=(exclusion.pk, appeal.pk),
        target=appeal,
    )
    return appeal


def require_spanish_reason(letter_language: str, reason_es: str) -> None:
    """A decision letter in Spanish quotes the reason: the decider writes it in Spanish too.

    Unlike a notice at the desk, a decision is written over days, so it waits for its Spanish reason.
    """
    if letter_language == "es" and not reason_es.strip():
        raise ValidationError(
            {
                "decision_reason_es": _(
                    "The decision letter is in Spanish: give the reason in Spanish too; the letter quotes it."
                )
            }
        )


@transaction.atomic
def appeal_decide(
    *,
    actor,
    appeal: Appeal,
    decision: str,
    reason: str,
    new_end_date: date | None = None,
    reason_es: str = "",
) -> Appeal:
    """The decision; when the letter is in Spanish, its reason in Spanish too (the letter quotes it)."""
    # Locked so two deciders at once cannot both pass the "not yet decided" check.
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    exclusion = appeal.exclusion
    if appeal.decision:
        raise ValidationError(already_decided_message(appeal))
    refuse_unless(
        may_decide(actor, appeal),
        _("You may not decide this appeal: it is heard by someone other than the issuer."),
    )
    waiting = hearing_blocks_decision(appeal, appeal_settings_for(exclusion.system))
    if waiting:
        raise ValidationError(waiting)
    if not reason.strip():
        raise ValidationError(
            {"decision_reason": _("Give the reason for the decision; it goes in the letter.")}
        )
    require_spanish_reason(appeal.letter_language, reason_es)
    before_end = exclusion.end_date
    if decision == AppealDecision.SHORTENED:
        if new_end_date is None:
            raise ValidationError({"new_end_date": _("Give the new last day.")})
        if new_end_date < exclusion.start_date:
            raise ValidationError({"new_end_date": _("The new last day cannot be before the first day.")})
        if exclusion.end_date is not None and new_end_date >= exclusion.end_date:
            raise ValidationError(
                {
                    "new_end_date": _("To shorten it, the new last day must be before %(day)s.")
                    % {"day": exclusion.end_date.isoformat()}
                }
            )
        exclusion.end_date = new_end_date
        if exclusion.outcome != "suspension":
            exclusion.outcome = "suspension"
            exclusion.lift_request_after = None
    elif decision == AppealDecision.RESCINDED:
        exclusion.rescinded_at = timezone.now()
    elif decision != AppealDecision.UPHELD:
        raise ValidationError({"decision": _("Choose upheld, shortened or rescinded.")})
    appeal.decision, appeal.decision_reason = decision, reason.strip()
    appeal.decision_reason_es = reason_es.strip() if appeal.letter_language == "es" else ""
    appeal.new_end_date = new_end_date if decision == AppealDecision.SHORTENED else None
    appeal.decided_by, appeal.decided_at = actor, timezone.now()
    appeal.full_clean()
    appeal.save()
    # Through the version check: an exclusion changed by someone else meanwhile is not overwritten.
    save_if_unchanged(
        exclusion,
        expected_version=exclusion.version,
        fields=["end_date", "outcome", "lift_request_after", "rescinded_at"],
    )
    events.appeal_decided(
        actor=actor,
        appeal=appeal,
        exclusion=exclusion,
        decision=decision,
        changes={"end_date": [str(before_end), str(exclusion.end_date)]},
    )
    if decision in (AppealDecision.SHORTENED, AppealDecision.RESCINDED):
        notice_amend(actor=actor, exclusion=exclusion, reason=f"appeal_{decision}")
    notifications_clear_for(obj=appeal)
    return appeal
