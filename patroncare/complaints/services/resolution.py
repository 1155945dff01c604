"""Responding, reviews at the patron's request, closing with a judgement, reopening, and the follow-up."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from patroncare.complaints import events
from patroncare.core.concurrency import save_if_unchanged
from patroncare.libraries.calendar import today_in
from patroncare.notifications.services import notifications_clear_for
from patroncare.policies.models import ReviewTrigger
from patroncare.policies.services import policy_review_request

from ..models import (
    Complaint,
    ComplaintResponse,
    ComplaintSettings,
    EntryKind,
    Judgement,
    Kind,
    Outcome,
    OutstandingAction,
    PolicyReview,
    Status,
)
from ..models.choices import MessageChannel, Satisfaction
from ..permissions import can_complete_action, can_record_satisfaction, may_own_action
from ..selectors import reviews_visible_to
from ._common import add_entry, require
from .notify import mail_patron, mail_staff
from .workflow import apply_triage, require_first_contact_authority


@transaction.atomic
def complaint_respond(
    *,
    actor,
    complaint: Complaint,
    expected_version: int,
    outcome: str,
    reasons: str,
    remedies: list[str],
    remedy_detail: str,
    outstanding: list[dict],
    review_info: str,
    channel: str,
) -> ComplaintResponse:
    """Send the formal response of the current stage. Every part is required (outstanding may be none).

    Each outstanding action is a dict of description, owner and due_date: every promise has someone who
    keeps it and a date."""
    require_first_contact_authority(
        actor=actor, complaint=complaint, doing=pgettext("what front-line staff may not do", "respond to")
    )
    require(
        complaint.status in {Status.NEW, Status.ACKNOWLEDGED, Status.REVIEW_REQUESTED},
        _("A response has already been sent at this stage."),
    )
    require(bool(complaint.severity), _("Choose a severity before responding."))
    require(
        bool(reasons.strip() and remedy_detail.strip() and review_info.strip() and remedies),
        _("A response needs the decision, the reasons, the remedy and how to ask for a review."),
    )
    if channel == MessageChannel.EMAIL:
        require(
            bool(complaint.patron_email), _("The patron gave no e-mail address: record a call or letter.")
        )
    now = timezone.now()
    response = ComplaintResponse(
        complaint=complaint,
        stage=complaint.stage,
        outcome=outcome,
        reasons=reasons.strip(),
        remedies=remedies,
        remedy_detail=remedy_detail.strip(),
        outstanding_summary="\n".join(item["description"].strip() for item in outstanding),
        review_info=review_info.strip(),
        channel=channel,
        sent_by=actor,
    )
    response.full_clean()
    response.save()
    for item in outstanding:
        _new_action(actor=actor, complaint=complaint, **item)
    complaint.outcome, complaint.responded_at, complaint.status = outcome, now, Status.RESPONDED
    if complaint.acknowledged_at is None:
        complaint.acknowledged_at = now  # a response acknowledges too
    save_if_unchanged(
        complaint,
        expected_version=expected_version,
        fields=["outcome", "responded_at", "status", "acknowledged_at"],
    )
    add_entry(
        complaint=complaint,
        kind=EntryKind.RESPONSE,
        author=actor,
        for_patron=True,
        channel=channel,
        body=reasons.strip(),
    )
    events.response_sent(
        actor=actor, complaint=complaint, changes={"outcome": [None, outcome], "stage": complaint.stage}
    )
    if channel == MessageChannel.EMAIL:
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/response_subject.txt",
            body_template="complaints/email/response_body.txt",
            context={"response": response},
        )
    notifications_clear_for(obj=complaint)
    return response


def review_available(complaint: Complaint) -> bool:
    """Whether the patron may ask for the next review stage now (after a response, once per stage)."""
    if complaint.status not in {Status.RESPONDED, Status.CLOSED} or complaint.responded_at is None:
        return False
    if complaint.stage == 1:
        return True
    if complaint.stage == 2:
        return ComplaintSettings.objects.filter(system_id=complaint.system_id, board_review=True).exists()
    return False


@transaction.atomic
def complaint_request_review(*, complaint: Complaint, reason: str) -> Complaint:
    """The patron, from the status page, asks for a review of the last response: by the director after the
    first, by the board after the director's where the library's procedure provides it."""
    require(review_available(complaint), _("A review cannot be asked for at this point of the case."))
    require(bool(reason.strip()), _("Tell us briefly why you are not satisfied."))
    version = complaint.version
    complaint.stage += 1
    complaint.status = Status.REVIEW_REQUESTED
    complaint.review_requested_at = timezone.now()
    complaint.acknowledged_at = complaint.responded_at = complaint.closed_at = None
    complaint.judgement, complaint.judgement_reason = "", ""
    complaint.owner = complaint.system.director or complaint.owner
    apply_triage(complaint=complaint, severity=complaint.severity, owner=complaint.owner)
    save_if_unchanged(
        complaint,
        expected_version=version,
        fields=[
            "stage",
            "status",
            "review_requested_at",
            "acknowledged_at",
            "responded_at",
            "closed_at",
            "judgement",
            "judgement_reason",
            "owner",
            "acknowledge_due_at",
            "respond_due_at",
        ],
    )
    add_entry(complaint=complaint, kind=EntryKind.REVIEW_REQUEST, body=reason.strip(), for_patron=True)
    events.review_requested(complaint=complaint)
    mail_staff(
        user=complaint.owner,
        complaint=complaint,
        subject_template="complaints/email/review_subject.txt",
        body_template="complaints/email/review_body.txt",
        kind="complaints.review",
    )
    mail_patron(
        complaint=complaint,
        subject_template="complaints/email/review_received_subject.txt",
        body_template="complaints/email/review_received_body.txt",
    )
    return complaint


@transaction.atomic
def complaint_close(
    *,
    actor,
    complaint: Complaint,
    expected_version: int,
    judgement: str,
    reason: str,
    outcome: str = "",
    review: PolicyReview | None = None,
    new_review: dict | None = None,
    announce: bool = True,
):
    """Close with the judgement one-off or systemic (`announce=False`: a case closed long ago, brought in
    from an old record, sends the patron no satisfaction survey now).

    A systemic case links to a policy review: one already open, or a new one.
    """
    require_first_contact_authority(
        actor=actor, complaint=complaint, doing=pgettext("what front-line staff may not do", "close")
    )
    require(complaint.is_open, _("This case is already closed."))
    require(bool(reason.strip()), _("Give the reason for judging this case one-off or systemic."))
    if not complaint.outcome:
        require(
            outcome == Outcome.FIRST_CONTACT or complaint.responded_at is not None,
            _("Send the response first, or close it as resolved at first contact."),
        )
        complaint.outcome = outcome or Outcome.FIRST_CONTACT
    if judgement == Judgement.SYSTEMIC:
        require(
            review is not None or bool(new_review),
            _("A systemic case opens a policy or procedure review, or joins one already open."),
        )
        if review is None:
            review = review_open(actor=actor, system=complaint.system, **new_review)
        require(review.system_id == complaint.system_id, _("Choose a review of this library system."))
        complaint.review = review
        if complaint.policy_id:
            # The policy library keeps its own review (with the inclusivity checklist); this case asks for it.
            policy_review_request(
                policy=complaint.policy,
                reason=reason.strip(),
                source_label=complaint.reference,
                actor=actor,
                trigger=ReviewTrigger.COMPLAINT,
            )
    now = timezone.now()
    complaint.judgement, complaint.judgement_reason = judgement, reason.strip()
    complaint.status, complaint.closed_at = Status.CLOSED, now
    if complaint.acknowledged_at is None:
        complaint.acknowledged_at = now
    save_if_unchanged(
        complaint,
        expected_version=expected_version,
        fields=[
            "judgement",
            "judgement_reason",
            "status",
            "closed_at",
            "outcome",
            "review",
            "acknowledged_at",
        ],
    )
    add_entry(
        complaint=complaint,
        kind=EntryKind.CLOSED,
        author=actor,
        body=reason.strip(),
        data={"code": "closed", "judgement": complaint.judgement},
    )
    events.complaint_closed(actor=actor, complaint=complaint, judgement=judgement)
    if announce and complaint.kind == Kind.COMPLAINT:  # praise and suggestions get no satisfaction survey
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/follow_up_subject.txt",
            body_template="complaints/email/follow_up_body.txt",
            context={"token": follow_up_token(complaint)},
        )
    notifications_clear_for(obj=complaint)
    return complaint


@transaction.atomic
def complaint_reopen(*, actor, complaint: Complaint, expected_version: int, reason: str) -> Complaint:
    require(not complaint.is_open, _("This case is open."))
    require(bool(reason.strip()), _("Give the reason for reopening."))
    complaint.status = Status.RESPONDED if complaint.responded_at else Status.ACKNOWLEDGED
    complaint.closed_at, complaint.judgement, complaint.judgement_reason = None, "", ""
    save_if_unchanged(
        complaint,
        expected_version=expected_version,
        fields=["status", "closed_at", "judgement", "judgement_reason"],
    )
    add_entry(complaint=complaint, kind=EntryKind.REOPENED, author=actor, body=reason.strip())
    events.complaint_reopened(actor=actor, complaint=complaint)
    return complaint


ACTION_OWNER_REFUSED = gettext_lazy(
    "Choose an owner who may handle this case: a member of its library's staff at its branch, never "
    "someone the complaint names."
)


def _new_action(*, actor, complaint: Complaint, description: str, owner, due_date) -> OutstandingAction:
    require(bool(description.strip()), _("Describe the action."))
    require(owner is not None and may_own_action(owner, complaint), ACTION_OWNER_REFUSED)
    require(due_date is not None, _("Give the date the action is due by."))
    require(
        due_date >= today_in(complaint.system),
        _("The due date cannot be in the past."),
    )
    action = OutstandingAction(
        complaint=complaint,
        description=description.strip(),
        owner=owner,
        due_date=due_date,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_add(*, actor, complaint: Complaint, description: str, owner, due_date) -> OutstandingAction:
    """An action promised after the response (on the phone, in a later message): tracked like the others."""
    require(
        complaint.responses.exists(),
        _("Actions are added once the response has been sent; list them in the response."),
    )
    action = _new_action(
        actor=actor, complaint=complaint, description=description, owner=owner, due_date=due_date
    )
    add_entry(
        complaint=complaint,
        kind=EntryKind.NOTE,
        author=actor,
        body=action.description,
        data={"code": "action_added", "owner": owner.full_name, "date": due_date.isoformat()},
    )
    events.action_added(actor=actor, complaint=complaint, action=action)
    return action


@transaction.atomic
def action_complete(*, actor, action: OutstandingAction) -> OutstandingAction:
    if not can_complete_action(actor, action):
        raise PermissionDenied(_("Only the action's owner or a supervisor of the case marks it done."))
    action = (
        OutstandingAction.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .get(pk=action.pk)
    )
    require(action.done_at is None, _("This action is already done."))
    action.done_at, action.done_by = timezone.now(), actor
    action.full_clean()
    action.save(update_fields=["done_at", "done_by"])
    add_entry(
        complaint=action.complaint,
        kind=EntryKind.NOTE,
        author=actor,
        body=action.description,
        data={"code": "action_done"},
    )
    events.action_done(actor=actor, action=action)
    return action


@transaction.atomic
def review_open(*, actor, system, subject: str, owner, due_date) -> PolicyReview:
    review = PolicyReview(
        system=system, subject=subject.strip(), owner=owner, due_date=due_date, opened_by=actor
    )
    review.full_clean()
    review.save()
    events.policy_review_opened(actor=actor, review=review, system=system)
    return review


@transaction.atomic
def review_open_for_pattern(*, actor, system, subject: str, owner, due_date, cases) -> PolicyReview:
    """Open a review for a detected pattern and link the pattern's cases that have no review yet."""
    cases = [case for case in cases if case.system_id == system.pk]
    require(bool(cases), _("The pattern has no case left to review."))
    review = review_open(actor=actor, system=system, subject=subject, owner=owner, due_date=due_date)
    linked = Complaint.objects.filter(pk__in=[case.pk for case in cases], review__isnull=True).update(
        review=review
    )
    events.pattern_review_opened(actor=actor, review=review, system=system, linked=linked, cases=cases)
    return review


@transaction.atomic
def review_complete(*, actor, review: PolicyReview, outcome: str) -> PolicyReview:
    if not reviews_visible_to(user=actor).filter(pk=review.pk).exists():
        raise PermissionDenied(
            _("Only a supervisor of the branches of this review's cases can record its outcome.")
        )
    require(review.status == "open", _("This review is already done."))
    require(bool(outcome.strip()), _("Describe the outcome of the review."))
    review.status, review.outcome, review.completed_at = "done", outcome.strip(), timezone.now()
    review.full_clean()
    review.save(update_fields=["status", "outcome", "completed_at"])
    events.policy_review_done(actor=actor, review=review)
    return review


def follow_up_token(complaint: Complaint) -> str:
    from django.core.signing import dumps

    return dumps({"c": complaint.pk, "r": complaint.reference}, salt="complaints.follow-up")


@transaction.atomic
def complaint_record_satisfaction(
    *, complaint: Complaint, answer: str, comment: str = "", actor=None, channel: str = ""
) -> Complaint:
    """The patron's answer to the satisfaction question, recorded once.

    Without an actor it is the patron's confirmed answer through the follow-up link (a link alone records
    nothing) and the case must be closed. With one, staff handling the case record what the patron told
    them (on the phone, by letter, in person) once the response has been sent. A second answer is refused:
    the first one is never overwritten.
    """
    require(answer in Satisfaction.values, _("Choose one of the answers."))
    require(len(comment.strip()) <= 2000, _("Keep the comment under 2,000 characters."))
    if actor is None:
        require(complaint.status == Status.CLOSED, _("This case is not closed."))
        channel = ""
    else:
        if not can_record_satisfaction(actor, complaint):
            raise PermissionDenied(_("Only those handling the case record the patron's answer."))
        require(
            complaint.responded_at is not None or complaint.status == Status.CLOSED,
            _("The patron's satisfaction is recorded after the response."),
        )
        require(channel in MessageChannel.values, _("Say how the patron told you."))
    require(not complaint.satisfaction, ALREADY_ANSWERED)
    now = timezone.now()
    # Conditional on no answer yet: of two answers sent at once, only the first is kept.
    updated = Complaint.objects.filter(pk=complaint.pk, satisfaction="").update(
        satisfaction=answer,
        satisfaction_at=now,
        satisfaction_channel=channel,
        satisfaction_comment=comment.strip(),
        satisfaction_by=actor,
    )
    require(updated == 1, ALREADY_ANSWERED)
    complaint.satisfaction, complaint.satisfaction_at = answer, now
    complaint.satisfaction_channel, complaint.satisfaction_comment = channel, comment.strip()
    complaint.satisfaction_by = actor
    body = complaint.get_satisfaction_display()
    if comment.strip():
        body = f"{body}: {comment.strip()}"
    add_entry(complaint=complaint, kind=EntryKind.FOLLOW_UP, body=body, author=actor, channel=channel)
    if actor is None:
        events.follow_up_answered(complaint=complaint)
    else:
        events.satisfaction_recorded(
            actor=actor, complaint=complaint, changes={"satisfaction": [None, answer], "channel": channel}
        )
    return complaint


ALREADY_ANSWERED = gettext_lazy(
    "The patron's answer has already been recorded; it is not changed. Add a note if they tell you more."
)
