"""Writing policies: creating them, publishing new versions, acknowledgements, reviews."""

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.audit.services import changed_fields
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.core.languages import writing_main_language
from patroncare.libraries.calendar import local_date, today_in
from patroncare.policies import events

from ..models import (
    CHECKLIST,
    Acknowledgement,
    Policy,
    PolicyReview,
    PolicyVersion,
    ReviewOutcome,
    ReviewStatus,
    ReviewTrigger,
)
from ..permissions import can_acknowledge, can_review_policies

# Fields whose change publishes a new version that staff must acknowledge.
# `title`, `body` and `alternatives` are the main language's version (core.languages); `_es` the Spanish.
VERSIONED_FIELDS = ["title", "body", "title_es", "body_es", "flexibility"]
POLICY_FIELDS = [
    "title",
    "title_es",
    "area",
    "flexibility",
    "body",
    "body_es",
    "alternatives",
    "alternatives_es",
    "owner",
    "review_cycle_months",
    "next_review_on",
    "is_retired",
]


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def policy_create(
    *,
    actor,
    system,
    title: str,
    area: str,
    flexibility: str,
    body: str,
    alternatives: str = "",
    title_es: str = "",
    body_es: str = "",
    alternatives_es: str = "",
    owner=None,
    review_cycle_months: int = 24,
    next_review_on: date | None = None,
    published_at=None,
) -> Policy:
    published_at = published_at or timezone.now()
    with writing_main_language():
        policy = Policy(
            system=system,
            title=title,
            area=area,
            flexibility=flexibility,
            body=body,
            alternatives=alternatives,
            title_es=title_es.strip() or None,
            body_es=body_es,
            alternatives_es=alternatives_es,
            owner=owner,
            review_cycle_months=review_cycle_months,
            next_review_on=next_review_on
            or add_months(local_date(system, published_at), review_cycle_months),
        )
    policy.full_clean()
    policy.save()
    _publish(policy, number=1, summary=_("First version"), actor=actor, at=published_at)
    events.policy_added(actor=actor, policy=policy)
    return policy


def _publish(policy: Policy, *, number: int, summary: str, actor, at) -> PolicyVersion:
    version = PolicyVersion(
        policy=policy,
        number=number,
        title=policy.title_en,
        body=policy.body_en,
        title_en=policy.title_en,
        body_en=policy.body_en,
        title_es=policy.title_es,
        body_es=policy.body_es,
        flexibility=policy.flexibility,
        change_summary=summary,
        published_by=actor,
        published_at=at,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def policy_update(
    *, actor, policy: Policy, expected_version: int, change_summary: str = "", **values
) -> Policy:
    """Change a policy. A change of its title, text or place on the Scale of Yes publishes a new version,
    which needs a summary of what changed and which every member of staff then acknowledges."""
    if "title_es" in values:  # titles are unique in each language: a missing one is NULL, not ""
        values["title_es"] = (values["title_es"] or "").strip() or None
    with writing_main_language():
        before = {name: getattr(policy, name) for name in POLICY_FIELDS}
        for name, value in values.items():
            setattr(policy, name, value)
        new_version = any((getattr(policy, name) or "") != (before[name] or "") for name in VERSIONED_FIELDS)
    if new_version and not change_summary.strip():
        raise ValidationError(
            {"change_summary": _("Say what changed: staff read this before acknowledging.")}
        )
    fields = list(values)
    if new_version:
        policy.current_number += 1
        fields.append("current_number")
    save_if_unchanged(policy, expected_version=expected_version, fields=fields)
    if new_version:
        _publish(
            policy,
            number=policy.current_number,
            summary=change_summary.strip(),
            actor=actor,
            at=timezone.now(),
        )
    events.policy_changed(
        actor=actor,
        policy=policy,
        new_version=bool(new_version),
        changes=_changes(policy, before),
    )
    return policy


def _changes(policy: Policy, before: dict) -> dict:
    with writing_main_language():
        return changed_fields(policy, before, POLICY_FIELDS)


@transaction.atomic
def policy_acknowledge(*, user, policy: Policy) -> Acknowledgement:
    refuse_unless(
        can_acknowledge(user) and policy.system_id == user.library_system_id,
        _("Your role does not acknowledge policies of this library system."),
    )
    version = PolicyVersion.objects.get(policy=policy, number=policy.current_number)
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        version=version, user=user, defaults={"acknowledged_at": timezone.now()}
    )
    if created:
        events.acknowledged(user=user, policy=policy, version=version)
    return acknowledgement


@transaction.atomic
def policy_review_request(
    *, policy: Policy, reason: str, source_label: str, actor=None, trigger: str = ReviewTrigger.REQUEST
) -> PolicyReview:
    """Ask for a review of `policy`, from anywhere (a complaint, the exceptions log, a member of staff).

    Opens a review, or adds the reason to the one already in progress (a policy has at most one open review).
    Other apps call this with `trigger=ReviewTrigger.COMPLAINT` and a `source_label` such as a case reference.
    """
    Policy.objects.select_for_update().filter(pk=policy.pk).first()
    line = f"{today_in(policy.system):%Y-%m-%d} · {source_label}: {reason}".strip()
    review = PolicyReview.objects.filter(policy=policy, status=ReviewStatus.OPEN).first()
    if review is not None:
        review.reasons = f"{review.reasons}\n{line}".strip()
        review.full_clean()
        review.save(update_fields=["reasons"])
        events.review_requested_again(actor=actor, policy=policy, trigger=trigger)
        return review
    review = PolicyReview(
        policy=policy, trigger=trigger, reasons=line, opened_at=timezone.now(), opened_by=actor
    )
    review.full_clean()
    review.save()
    events.review_opened(actor=actor, review=review, policy=policy, trigger=trigger)
    return review


@transaction.atomic
def policy_review_start(*, actor, policy: Policy, reason: str = "") -> PolicyReview:
    """An administrator starts a review: a cycle review when the policy is due, otherwise a request."""
    refuse_unless(
        can_review_policies(actor) and policy.system_id == actor.library_system_id,
        _("Only an administrator of this library system starts a policy review."),
    )
    due = policy.review_due(today_in(policy.system))
    return policy_review_request(
        policy=policy,
        actor=actor,
        trigger=ReviewTrigger.CYCLE if due else ReviewTrigger.REQUEST,
        reason=reason or (_("Review date reached") if due else _("Review started early")),
        source_label=actor.full_name,
    )


@transaction.atomic
def policy_review_save_checklist(
    *, actor, review: PolicyReview, expected_version: int, **answers
) -> PolicyReview:
    refuse_unless(
        can_review_policies(actor) and review.status == ReviewStatus.OPEN,
        _("This review is closed, or your role may not work on it."),
    )
    names = [name for name, _label in CHECKLIST]
    before = {name: getattr(review, name) for name in names}
    for name in names:
        setattr(review, name, answers.get(name, "").strip())
    save_if_unchanged(review, expected_version=expected_version, fields=names)
    events.checklist_saved(actor=actor, review=review, changes=changed_fields(review, before, names))
    return review


@transaction.atomic
def policy_review_complete(
    *,
    actor,
    review: PolicyReview,
    expected_version: int,
    outcome: str,
    outcome_note: str,
    answers: dict,
    body: str = "",
    flexibility: str = "",
    change_summary: str = "",
) -> PolicyReview:
    """End a review with keep, change or retire. Every checklist question must have an answer.

    Change publishes the new text as a new version (staff acknowledge it); keep and change set the next
    review date one cycle ahead; retire takes the policy out of the library.
    """
    refuse_unless(
        can_review_policies(actor) and review.status == ReviewStatus.OPEN,
        _("This review is closed, or your role may not work on it."),
    )
    names = [name for name, _label in CHECKLIST]
    for name in names:
        setattr(review, name, answers.get(name, "").strip())
    missing = {
        name: _("Answer this question before ending the review.")
        for name in names
        if not getattr(review, name)
    }
    if outcome not in ReviewOutcome.values:
        missing["outcome"] = _("Choose keep, change or retire.")
    if not outcome_note.strip():
        missing["outcome_note"] = _("Give the decision and its reasons.")
    if missing:
        raise ValidationError(missing)
    review.status, review.outcome, review.outcome_note = ReviewStatus.DONE, outcome, outcome_note.strip()
    review.decided_by, review.decided_at = actor, timezone.now()
    save_if_unchanged(
        review,
        expected_version=expected_version,
        fields=[*names, "status", "outcome", "outcome_note", "decided_by", "decided_at"],
    )
    policy = Policy.objects.select_for_update().get(pk=review.policy_id)
    today = today_in(policy.system)
    if outcome == ReviewOutcome.RETIRE:
        policy_update(actor=actor, policy=policy, expected_version=policy.version, is_retired=True)
    elif outcome == ReviewOutcome.CHANGE:
        if not body.strip() or (
            body.strip() == policy.body.strip() and (flexibility or policy.flexibility) == policy.flexibility
        ):
            raise ValidationError(
                {
                    "body": _(
                        "Give the new text of the policy (or its new place on the Scale of "
                        "Yes): it is the same as the current version."
                    )
                }
            )
        policy_update(
            actor=actor,
            policy=policy,
            expected_version=policy.version,
            body=body,
            flexibility=flexibility or policy.flexibility,
            change_summary=change_summary,
            next_review_on=add_months(today, policy.review_cycle_months),
        )
    else:
        policy_update(
            actor=actor,
            policy=policy,
            expected_version=policy.version,
            next_review_on=add_months(today, policy.review_cycle_months),
        )
    events.review_ended(actor=actor, review=review, outcome=outcome)
    return review


@transaction.atomic
def policy_rules_set(*, actor, policy: Policy, rules) -> Policy:
    """Link the rules of conduct that carry out `policy` (rules of the same library system only)."""
    rules = list(rules)
    if any(rule.system_id != policy.system_id for rule in rules):
        raise ValidationError(_("Choose rules of conduct of this library system."))
    before = sorted(rule.pk for rule in policy.rules.all())
    policy.rules.set(rules)
    after = sorted(rule.pk for rule in rules)
    if before != after:
        events.rules_linked(actor=actor, policy=policy, before=before, after=after)
    return policy
