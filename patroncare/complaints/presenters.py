"""The case file's presenter: a headline, what the case needs next and which action forms this reader is
offered, all read from the case's state and the permission and authority rules; the template only shows it."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext

from .models import Complaint, Kind, Status
from .permissions import can_draft_statement, can_handle, can_merge, can_pass_on_praise, first_contact_refusal
from .selectors import complaint_timeline

STAFF_REPLY_KINDS = frozenset({"message", "response", "acknowledged", "follow_up"})


def case_headline(complaint: Complaint) -> str:
    """ "Noise — The group at the tables near…": the category (or the kind) and the first words."""
    label = str(complaint.category) if complaint.category_id else str(complaint.get_kind_display())
    opening = Truncator(" ".join(complaint.narrative.split())).words(7, truncate="…")
    return f"{label} — {opening}"


@dataclass(frozen=True)
class NextStep:
    key: str  # triage, acknowledge, respond, reply, review, close, pass_on, closed, merged
    title: str
    explanation: str
    due_at: object = None  # a datetime, or None when no clock runs for this step
    overdue: bool = False
    action: str = ""  # the key of the form that does it, "" when there is nothing to do here
    action_label: str = ""
    refused: str = ""  # why this user cannot take the step themselves


def _awaiting_answer(entries) -> bool:
    """The patron wrote after our last word to them."""
    last_patron = last_staff = None
    for entry in entries:
        if entry.kind == "patron_reply":
            last_patron = entry.created_at
        elif entry.kind in STAFF_REPLY_KINDS and entry.for_patron:
            last_staff = entry.created_at
    return last_patron is not None and (last_staff is None or last_patron > last_staff)


def next_step(complaint: Complaint, user, *, entries=None, now=None) -> NextStep:
    """What the case needs next, its deadline, and the one form that does it if this user may."""

    now = now or timezone.now()
    if complaint.is_merged:
        return NextStep(
            "merged",
            gettext("Nothing: merged"),
            gettext("This case was merged into %(reference)s, which carries on.")
            % {"reference": complaint.merged_into.reference},
        )
    if not complaint.is_open:
        return NextStep("closed", gettext("Nothing: closed"), gettext("The case is closed."))
    if entries is None:
        entries = list(complaint_timeline(complaint=complaint))
    handles = can_handle(user, complaint)
    not_yours = "" if handles else gettext("Only those handling the case act on it.")

    def step(key, title, explanation, action, label, due=None, refused=""):
        refused = not_yours or refused
        return NextStep(
            key,
            title,
            explanation,
            due_at=due,
            overdue=bool(due and due < now),
            action="" if refused else action,
            action_label="" if refused else label,
            refused=refused,
        )

    untriaged = complaint.category_id is None or (complaint.kind == Kind.COMPLAINT and not complaint.severity)
    if untriaged:
        return step(
            "triage",
            gettext("Triage"),
            gettext("Choose the category and, for a complaint, the severity: it sets the deadlines."),
            "triage",
            gettext("Triage the case"),
            due=complaint.acknowledge_due_at if complaint.acknowledged_at is None else None,
        )
    if _awaiting_answer(entries):
        return step(
            "reply",
            gettext("Answer the patron's reply"),
            gettext("The patron wrote after our last message."),
            "message",
            gettext("Write to the patron"),
            due=complaint.next_due_at,
        )
    if complaint.kind == Kind.PRAISE:
        if complaint.praise_passed_at is None:
            may = can_pass_on_praise(user, complaint)
            return step(
                "pass_on",
                gettext("Pass the praise on"),
                gettext("Tell the staff the praise is for."),
                "praise",
                gettext("Pass the praise on"),
                refused="" if may else gettext("Only a supervisor of the branch passes praise on."),
            )
        return step(
            "close",
            gettext("Close"),
            gettext("The praise has been passed on."),
            "close",
            gettext("Close the case"),
        )
    if complaint.kind == Kind.SUGGESTION:
        return step(
            "close",
            gettext("Close"),
            gettext("Record what was made of the suggestion and close it."),
            "close",
            gettext("Close the case"),
        )
    if complaint.status in {Status.NEW, Status.ACKNOWLEDGED, Status.REVIEW_REQUESTED}:
        respond_to = pgettext("what front-line staff may not do", "respond to")
        if complaint.status == Status.REVIEW_REQUESTED:
            return step(
                "review",
                gettext("Decide the review"),
                gettext("The patron asked for a review: send the decision of this stage."),
                "respond",
                gettext("Send the review decision"),
                due=complaint.respond_due_at,
                refused=first_contact_refusal(user, complaint, doing=respond_to),
            )
        if complaint.status == Status.NEW:
            return step(
                "acknowledge",
                gettext("Acknowledge"),
                gettext("Tell the patron we have their complaint and when they will hear from us."),
                "acknowledge",
                gettext("Acknowledge to the patron"),
                due=complaint.acknowledge_due_at,
                refused=first_contact_refusal(
                    user, complaint, doing=pgettext("what front-line staff may not do", "acknowledge")
                ),
            )
        return step(
            "respond",
            gettext("Respond"),
            gettext("Send the response: the decision, the reasons, the remedy and how to ask for a review."),
            "respond",
            gettext("Write the response"),
            due=complaint.respond_due_at,
            refused=first_contact_refusal(user, complaint, doing=respond_to),
        )
    return step(
        "close",
        gettext("Close"),
        gettext("The response has been sent: judge the case one-off or systemic and close it."),
        "close",
        gettext("Close the case"),
        refused=first_contact_refusal(
            user, complaint, doing=pgettext("what front-line staff may not do", "close")
        ),
    )


@dataclass(frozen=True)
class CaseActions:
    """Which action forms the case file offers this user; the template reads these flags only."""

    triage: bool = False
    acknowledge: bool = False
    respond: bool = False
    extend: bool = False
    close: bool = False
    reassign: bool = False
    reopen: bool = False
    praise: bool = False
    statement: bool = False
    merge: bool = False

    @classmethod
    def for_user(cls, user, complaint: Complaint, *, has_statement: bool) -> "CaseActions":
        if not can_handle(user, complaint):
            return cls()
        is_open = complaint.is_open
        before_response = complaint.status != Status.RESPONDED
        return cls(
            triage=is_open,
            acknowledge=complaint.status in {Status.NEW, Status.REVIEW_REQUESTED},
            respond=is_open and before_response,
            extend=is_open and before_response,
            close=is_open,
            reassign=is_open,
            reopen=not is_open and not complaint.is_merged,
            praise=can_pass_on_praise(user, complaint),
            statement=can_draft_statement(user, complaint) and not has_statement,
            merge=can_merge(user, complaint),
        )
