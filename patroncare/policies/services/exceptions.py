"""The exceptions log: a request at the desk to bend a policy, granted (an exception) or declined
(enforced)."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.accounts.permissions import has_role_at_branch
from patroncare.core.access import refuse_unless
from patroncare.core.decisions import already_decided_message
from patroncare.libraries.calendar import today_in
from patroncare.notifications.selectors import staff_with_roles
from patroncare.notifications.services import notifications_clear_for, tell
from patroncare.policies import events

from ..models import EntryKind, EntryStatus, ExceptionEntry, Flexibility, Policy, ReviewStatus, ReviewTrigger
from ..permissions import APPROVING_ROLES, can_decide_exception, can_record_exception_at
from .policies import policy_review_request

# When this many exceptions to one policy are granted within the window, the policy gets a review.
EXCEPTION_REVIEW_THRESHOLD = 12
EXCEPTION_REVIEW_WINDOW_DAYS = 90

# The same privacy rule as a case: describe the request and the situation, never identify the patron.
# Card numbers, phone numbers and e-mail addresses are refused outright.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_LONG_NUMBER = re.compile(r"(?:\d[\s-]?){7,}")


class FixedPolicyError(ValidationError):
    """An exception to a fixed policy: refused for every role."""


# Labels for people rather than descriptions of what happened (English and Spanish). Like a case narrative,
# the log describes behaviours and situations; the message suggests the kind of wording to use instead.
_LABELS = re.compile(
    r"\b(crazy|psycho|nutter|junkie|addict|drunk|druggie|homeless|vagrant|bum|illegal|"
    r"loc[oa]|borrach[oa]|drogadict[oa]|indigente|vagabund[oa]|ilegal)\b",
    re.IGNORECASE,
)


def privacy_problems(text: str) -> str | None:
    """Why `text` cannot go into the log, or None. The same rules as a case narrative."""
    if _EMAIL.search(text or ""):
        return _("Remove the e-mail address: describe the request, not who made it.")
    if _LONG_NUMBER.search(text or ""):
        return _("Remove the long number (a card or phone number?): the log never identifies a patron.")
    if match := _LABELS.search(text or ""):
        return _(
            "“%(word)s” labels a person. Describe what was asked, said or done instead "
            "(for example “no fixed address”, “said they had been drinking”)."
        ) % {"word": match.group(0)}
    return None


@transaction.atomic
def exception_record(
    *,
    actor,
    branch,
    policy: Policy,
    kind: str,
    asked: str,
    granted: str = "",
    reason: str,
    told_patron: str,
    occurred_on: date | None = None,
) -> ExceptionEntry:
    """Log a request to bend a policy and what happened.

    Fixed policies refuse an exception (FixedPolicyError, and a database constraint behind it). An exception
    to
    a firm policy waits for a supervisor, unless the person granting it is a supervisor of that branch, whose
    decision is then recorded at once. Flexible and "yes, and" exceptions are simply recorded.
    """
    refuse_unless(
        branch.system_id == actor.library_system_id and policy.system_id == actor.library_system_id,
        _("That branch or policy belongs to another library system."),
    )
    refuse_unless(
        can_record_exception_at(actor, branch.pk), _("Your role may not record exceptions at this branch.")
    )
    # Read the policy's place on the Scale of Yes under a row lock, so a change published at the same moment
    # cannot let an exception to a policy that has just become fixed slip through.
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.is_retired:
        raise ValidationError({"policy": _("This policy has been retired.")})
    if kind == EntryKind.EXCEPTION and policy.flexibility == Flexibility.FIXED:
        raise FixedPolicyError(
            {
                "kind": _(
                    "“%(policy)s” is a fixed policy (safety, privacy or the law): "
                    "no one can grant an exception. "
                    "Offer one of the alternatives instead."
                )
                % {"policy": policy.title}
            }
        )
    texts = {"asked": asked, "granted": granted, "reason": reason, "told_patron": told_patron}
    errors = {name: problem for name, text in texts.items() if (problem := privacy_problems(text))}
    if kind == EntryKind.EXCEPTION and not granted.strip():
        errors["granted"] = _("Say what was granted.")
    today = today_in(policy.system)
    occurred_on = occurred_on or today
    if occurred_on > today:
        errors["occurred_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    entry = ExceptionEntry(
        system_id=policy.system_id,
        branch=branch,
        policy=policy,
        flexibility=policy.flexibility,
        kind=kind,
        status=EntryStatus.RECORDED,
        occurred_on=occurred_on,
        asked=asked.strip(),
        granted=granted.strip() if kind == EntryKind.EXCEPTION else "",
        reason=reason.strip(),
        told_patron=told_patron.strip(),
        recorded_by=actor,
        recorded_at=now,
    )
    if kind == EntryKind.EXCEPTION and policy.flexibility == Flexibility.FIRM:
        if has_role_at_branch(actor, roles.OVERSIGHT, branch.pk):
            entry.status, entry.decided_by, entry.decided_at = EntryStatus.APPROVED, actor, now
            entry.decision_note = _("Granted by a supervisor at the desk.")
        else:
            entry.status = EntryStatus.PENDING
    entry.full_clean()
    entry.save()
    events.exception_logged(actor=actor, entry=entry)
    if entry.status == EntryStatus.PENDING:
        tell(
            users=staff_with_roles(
                system_id=entry.system_id,
                roles=APPROVING_ROLES,
                branch_id=entry.branch_id,
                exclude_ids=[actor.pk],
            ),
            kind="policies.exception_to_approve",
            line=gettext_lazy("An exception to a firm policy at %(branch)s waits for your decision"),
            params={"branch": branch.name},
            url_name="policies:exception_detail",
            url_args=(entry.pk,),
            target=entry,
        )
    if entry.kind == EntryKind.EXCEPTION:
        _review_when_exceptions_pile_up(policy, actor, today)
    return entry


def _review_when_exceptions_pile_up(policy: Policy, actor, today: date) -> None:
    since = today - timedelta(days=EXCEPTION_REVIEW_WINDOW_DAYS)
    granted = ExceptionEntry.objects.filter(
        policy=policy,
        kind=EntryKind.EXCEPTION,
        occurred_on__gte=since,
        status__in=[EntryStatus.RECORDED, EntryStatus.APPROVED, EntryStatus.PENDING],
    ).count()
    if granted >= EXCEPTION_REVIEW_THRESHOLD and not policy.reviews.filter(status=ReviewStatus.OPEN).exists():
        policy_review_request(
            policy=policy,
            actor=actor,
            trigger=ReviewTrigger.EXCEPTIONS,
            source_label=_("Exceptions log"),
            reason=_("%(count)s exceptions in the last %(days)s days")
            % {"count": granted, "days": EXCEPTION_REVIEW_WINDOW_DAYS},
        )


@transaction.atomic
def exception_decide(*, actor, entry: ExceptionEntry, approve: bool, note: str = "") -> ExceptionEntry:
    """A supervisor approves or declines an exception to a firm policy. Declined, it counts as enforcement."""
    locked = ExceptionEntry.objects.select_for_update(of=("self",)).select_related("decided_by")
    entry = locked.get(pk=entry.pk)
    if entry.system_id == actor.library_system_id and entry.decided_at is not None:
        # Two supervisors on one entry: the second is told who was first, not refused without a word.
        raise ValidationError(already_decided_message(entry))
    refuse_unless(
        entry.system_id == actor.library_system_id and can_decide_exception(actor, entry),
        _("Your role may not decide this exception."),
    )
    if problem := privacy_problems(note):
        raise ValidationError({"decision_note": problem})
    if not approve and not note.strip():
        raise ValidationError(
            {"decision_note": _("Say why it is declined, so the colleague can explain it.")}
        )
    entry.status = EntryStatus.APPROVED if approve else EntryStatus.DECLINED
    entry.decided_by, entry.decided_at, entry.decision_note = actor, timezone.now(), note.strip()
    entry.full_clean()
    entry.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    events.exception_decided(actor=actor, entry=entry, approve=approve)
    notifications_clear_for(obj=entry)
    return entry
