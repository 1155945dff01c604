"""Handling a case: triage, acknowledgement, notes and messages, extensions, reassignment, links."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from patroncare.audit.services import changed_fields
from patroncare.complaints import events
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.libraries.calendar import is_working_day, next_working_day
from patroncare.notifications.services import notifications_clear_for

from ..models import Complaint, EntryKind, Kind, Severity, Status
from ..models.choices import MessageChannel
from ..models.config import SeverityRule
from ..permissions import can_read_restricted, first_contact_refusal, has_case_authority, is_director
from ._common import add_entry, require
from .deadlines import deadlines_for, end_of_local_day, latest_extension_date, rule_for
from .notify import mail_patron, mail_staff
from .routing import branch_supervisors, reroute_if_barred, restricts

TRIAGE_FIELDS = [
    "category",
    "severity",
    "owner",
    "policy",
    "policy_tag",
    "staff_involved",
    "kind",
    "branch",
    "acknowledge_due_at",
    "respond_due_at",
]


def default_owner(*, system, branch, owner_rule: str):
    """The director for critical cases; otherwise a supervisor of the branch (the director when none)."""
    if owner_rule == SeverityRule.OwnerRule.BRANCH_SUPERVISOR and branch is not None:
        supervisors = branch_supervisors(system=system, branch=branch)
        if supervisors:
            return supervisors[0]
    return system.director


def apply_triage(*, complaint: Complaint, severity: str, actor=None, owner=None) -> None:
    """Set severity, owner and the stage's clocks on an unsaved or locked case (no save)."""
    start = complaint.review_requested_at if complaint.stage == 2 else complaint.received_at
    rule = rule_for(system=complaint.system, severity=severity)
    deadlines = deadlines_for(
        system=complaint.system,
        branch=complaint.branch,
        severity=severity,
        start=start,
        stage=complaint.stage,
    )
    complaint.severity = severity
    complaint.acknowledge_due_at = deadlines.acknowledge_due_at
    complaint.respond_due_at = deadlines.respond_due_at
    if owner is not None:
        complaint.owner = owner
    elif complaint.owner_id is None or severity == Severity.CRITICAL:
        complaint.owner = (
            default_owner(system=complaint.system, branch=complaint.branch, owner_rule=rule.owner_rule)
            or actor
        )


def security_staff_for(complaint: Complaint):
    """The active security staff of the case's branch, or of the whole system, never one it names."""
    from django.contrib.auth import get_user_model

    from patroncare.accounts.models import Role

    scope = Q(role_assignments__branch__isnull=True)
    if complaint.branch_id:
        scope |= Q(role_assignments__branch_id=complaint.branch_id)
    return (
        get_user_model()
        .objects.filter(scope, library_system_id=complaint.system_id, is_active=True)
        .filter(role_assignments__role=Role.SECURITY)
        .exclude(pk__in=complaint.named_staff_ids)
        .distinct()
        .order_by("id")
    )


def notify_critical(complaint: Complaint) -> None:
    """Critical cases reach the director at once (unless the case is about the director), and, when their
    category concerns safety, the security staff of the branch (never one the case names)."""
    if complaint.severity != Severity.CRITICAL:
        return
    director_id = complaint.system.director_id
    told = set()
    if director_id and director_id not in complaint.named_staff_ids:
        told.add(director_id)
        mail_staff(
            user=complaint.system.director,
            complaint=complaint,
            subject_template="complaints/email/critical_subject.txt",
            body_template="complaints/email/critical_body.txt",
            kind="complaints.critical",
        )
    if complaint.category is not None and complaint.category.concerns_safety:
        for member in security_staff_for(complaint).exclude(pk__in=told):
            mail_staff(
                user=member,
                complaint=complaint,
                subject_template="complaints/email/critical_subject.txt",
                body_template="complaints/email/critical_safety_body.txt",
                kind="complaints.critical",
            )


@transaction.atomic
def complaint_triage(
    *,
    actor,
    complaint: Complaint,
    expected_version: int,
    category,
    severity: str,
    owner=None,
    kind: str,
    policy_tag: str = "",
    policy=None,
    staff_involved: str | None = None,
    staff_named=None,
) -> Complaint:
    require(complaint.is_open, _("A closed case cannot be triaged; reopen it first."))
    require_authority_to_set_severity(actor=actor, complaint=complaint, severity=severity)
    before = {name: getattr(complaint, name) for name in TRIAGE_FIELDS}
    was_critical = complaint.severity == Severity.CRITICAL
    previous_owner = complaint.owner
    require(
        policy is None or policy.system_id == complaint.system_id,
        _("Choose a policy of this library system."),
    )
    complaint.category, complaint.kind, complaint.policy_tag = category, kind, policy_tag.strip()
    complaint.policy = policy
    if staff_involved is not None:
        complaint.staff_involved = staff_involved.strip()
    if staff_named is not None:
        named = [member for member in staff_named if member.library_system_id == complaint.system_id]
        complaint.staff_named.set(named)
        complaint.__dict__.pop("named_staff_ids", None)
    # Once about staff conduct, always restricted: un-restricting would expose it to the people it names.
    complaint.restricted = complaint.restricted or restricts(
        category=category,
        staff_involved=complaint.staff_involved,
        staff_named=complaint.named_staff_ids,
        kind=kind,
    )
    if kind == Kind.COMPLAINT:
        require(bool(severity), _("Choose a severity: it sets the deadlines."))
        severity_changed = severity != complaint.severity
        if severity_changed or owner is not None:
            # Changing the severity restarts nothing: the clocks still run from receipt (or the review
            # request).
            apply_triage(complaint=complaint, severity=severity, actor=actor, owner=owner)
    else:
        # Praise and suggestions have no severity and no response deadline.
        complaint.severity, complaint.acknowledge_due_at, complaint.respond_due_at = "", None, None
        if owner is not None:
            complaint.owner = owner
    if owner is not None and complaint.restricted:
        require(can_read_restricted(owner, complaint), RESTRICTED_OWNER_REFUSED)
    reroute_if_barred(complaint)
    save_if_unchanged(complaint, expected_version=expected_version, fields=[*TRIAGE_FIELDS, "restricted"])
    changes = changed_fields(complaint, before, TRIAGE_FIELDS)
    if changes:
        add_entry(
            complaint=complaint,
            kind=EntryKind.TRIAGE,
            author=actor,
            data={
                "code": "changed",
                "fields": sorted(k for k in changes if k not in {"acknowledge_due_at", "respond_due_at"}),
            },
        )
        events.complaint_triaged(actor=actor, complaint=complaint, changes=changes)
    if complaint.severity == Severity.CRITICAL and not was_critical:
        notify_critical(complaint)
    if complaint.owner_id and complaint.owner != previous_owner and complaint.owner != actor:
        tell_new_owner(complaint)
    return complaint


def tell_new_owner(complaint: Complaint) -> None:
    mail_staff(
        user=complaint.owner,
        complaint=complaint,
        subject_template="complaints/email/assigned_subject.txt",
        body_template="complaints/email/assigned_body.txt",
        kind="complaints.assigned",
    )


RESTRICTED_OWNER_REFUSED = gettext_lazy(
    "That person may not handle this case: it is restricted, and they are named in it or do not oversee "
    "its branch."
)
SEVERITY_RANK = {Severity.MINOR: 1, Severity.MODERATE: 2, Severity.SERIOUS: 3, Severity.CRITICAL: 4}


def require_authority_to_set_severity(*, actor, complaint: Complaint, severity: str) -> None:
    """Anyone handling a case may raise its severity; only a supervisor may lower it, only the director
    may lower a critical one."""
    current = SEVERITY_RANK.get(complaint.severity, 0)
    if SEVERITY_RANK.get(severity, 0) >= current or not complaint.severity:
        return
    if complaint.severity == Severity.CRITICAL:
        require(is_director(actor), _("Only the director may lower the severity of a critical case."))
    require(
        has_case_authority(actor, complaint),
        _("Only a supervisor of the branch may lower the severity of a case."),
    )


def require_first_contact_authority(*, actor, complaint: Complaint, doing: str) -> None:
    """Front-line staff handle minor and moderate cases; serious and critical ones need a supervisor."""
    reason = first_contact_refusal(actor, complaint, doing=doing)
    refuse_unless(not reason, reason)


# Acknowledging a case is acting on what told its owner it was theirs.
ACTED_ON_WHEN_ACKNOWLEDGED = ("complaints.new_case", "complaints.assigned", "complaints.critical")


@transaction.atomic
def complaint_acknowledge(
    *, actor, complaint: Complaint, expected_version: int, message: str, channel: str
) -> Complaint:
    """Acknowledge the case to the patron: by e-mail (sent now), or the record of a call, letter or word in
    person. The channel shows on the timeline."""
    require_first_contact_authority(
        actor=actor, complaint=complaint, doing=pgettext("what front-line staff may not do", "acknowledge")
    )
    require(
        complaint.status in {Status.NEW, Status.REVIEW_REQUESTED},
        _("This case has already been acknowledged at this stage."),
    )
    require(bool(complaint.severity), _("Choose a severity before acknowledging: it sets the deadlines."))
    require(channel in MessageChannel.values, _("Say how the patron was acknowledged."))
    if channel == MessageChannel.EMAIL:
        require(
            bool(complaint.patron_email), _("The patron gave no e-mail address: record a call or letter.")
        )
    complaint.acknowledged_at = timezone.now()
    complaint.status = Status.ACKNOWLEDGED
    save_if_unchanged(complaint, expected_version=expected_version, fields=["acknowledged_at", "status"])
    add_entry(
        complaint=complaint,
        kind=EntryKind.ACKNOWLEDGED,
        author=actor,
        body=message.strip(),
        for_patron=True,
        channel=channel,
    )
    events.complaint_acknowledged(actor=actor, complaint=complaint, channel=channel)
    if channel == MessageChannel.EMAIL:
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/update_subject.txt",
            body_template="complaints/email/message_body.txt",
            context={"message": message.strip()},
        )
    notifications_clear_for(obj=complaint, kinds=ACTED_ON_WHEN_ACKNOWLEDGED)
    return complaint


@transaction.atomic
def complaint_add_note(*, actor, complaint: Complaint, body: str):
    entry = add_entry(complaint=complaint, kind=EntryKind.NOTE, author=actor, body=body.strip())
    events.note_added(actor=actor, complaint=complaint)
    return entry


@transaction.atomic
def complaint_send_message(
    *, actor, complaint: Complaint, channel: str, body: str, expects_reply: bool = False
):
    """A message to the patron: sent by e-mail now, or the record of a phone call or letter.

    A message that asks the patron something puts the case in "Waiting for the patron" until they answer.
    """
    if channel == MessageChannel.EMAIL:
        require(
            bool(complaint.patron_email), _("The patron gave no e-mail address: record a call or letter.")
        )
    entry = add_entry(
        complaint=complaint,
        kind=EntryKind.MESSAGE,
        author=actor,
        body=body.strip(),
        for_patron=True,
        channel=channel,
    )
    if expects_reply:
        Complaint.objects.filter(pk=complaint.pk).update(waiting_for_patron_since=entry.created_at)
        complaint.waiting_for_patron_since = entry.created_at
    events.patron_messaged(actor=actor, complaint=complaint)
    if channel == MessageChannel.EMAIL:
        mail_patron(
            complaint=complaint,
            subject_template="complaints/email/update_subject.txt",
            body_template="complaints/email/message_body.txt",
            context={"message": body.strip()},
        )
    return entry


def _day_name(day) -> str:
    return f"{date_format(day, 'l')}, {date_format(day, 'DATE_FORMAT')}"


@transaction.atomic
def complaint_extend(
    *, actor, complaint: Complaint, expected_version: int, new_date, reason: str
) -> Complaint:
    """Extend the response deadline: only with a reason and a new date, both told to the patron."""
    require(
        complaint.is_open and complaint.responded_at is None,
        _("Only the deadline of a response not yet sent can be extended."),
    )
    require(
        new_date <= latest_extension_date(today=timezone.localdate()),
        _("An extension reaches at most one year from today. Choose an earlier date."),
    )
    if not is_working_day(system=complaint.system, day=new_date, branch=complaint.branch):
        suggestion = next_working_day(system=complaint.system, day=new_date, branch=complaint.branch)
        raise ValidationError(
            _(
                "The branch is closed on %(day)s (not an opening day, a holiday or a closure). "
                "Choose a day it is open, such as %(next)s."
            )
            % {"day": _day_name(new_date), "next": _day_name(suggestion)}
        )
    new_due = end_of_local_day(system=complaint.system, day=new_date)
    require(
        complaint.respond_due_at is None or new_due > complaint.respond_due_at,
        _("The new date must be after the current deadline."),
    )
    require(bool(reason.strip()), _("Give the reason for the extension: the patron is told."))
    before = {"respond_due_at": complaint.respond_due_at}
    complaint.respond_due_at = new_due
    save_if_unchanged(complaint, expected_version=expected_version, fields=["respond_due_at"])
    add_entry(
        complaint=complaint, kind=EntryKind.EXTENSION, author=actor, body=reason.strip(), for_patron=True
    )
    events.complaint_extended(
        actor=actor, complaint=complaint, changes=changed_fields(complaint, before, ["respond_due_at"])
    )
    mail_patron(
        complaint=complaint,
        subject_template="complaints/email/update_subject.txt",
        body_template="complaints/email/extension_body.txt",
        context={"reason": reason.strip(), "new_date": new_date},
    )
    return complaint


@transaction.atomic
def complaint_reassign(*, actor, complaint: Complaint, expected_version: int, owner) -> Complaint:
    require(
        owner.library_system_id == complaint.system_id and owner.is_active,
        _("Choose an active member of staff of this library system."),
    )
    require_first_contact_authority(
        actor=actor, complaint=complaint, doing=pgettext("what front-line staff may not do", "reassign")
    )
    require(not complaint.restricted or can_read_restricted(owner, complaint), RESTRICTED_OWNER_REFUSED)
    before = {"owner": complaint.owner}
    complaint.owner = owner
    save_if_unchanged(complaint, expected_version=expected_version, fields=["owner"])
    add_entry(complaint=complaint, kind=EntryKind.REASSIGNED, author=actor, body=owner.full_name)
    events.complaint_reassigned(
        actor=actor, complaint=complaint, changes=changed_fields(complaint, before, ["owner"])
    )
    previous = before["owner"]
    if previous is not None and previous != owner:
        # Passed on: nothing about the case waits for the previous owner any more.
        notifications_clear_for(obj=complaint, user=previous)
    if owner != actor:
        tell_new_owner(complaint)
    return complaint


@transaction.atomic
def complaint_link(*, actor, complaint: Complaint, other: Complaint) -> None:
    if other.pk == complaint.pk or other.system_id != complaint.system_id:
        raise ValidationError(_("Choose another case of this library system."))
    complaint.linked.add(other)
    # Readers of an open case are not told a restricted one exists, not even its reference.
    hidden = other.restricted and not complaint.restricted
    add_entry(
        complaint=complaint,
        kind=EntryKind.NOTE,
        author=actor,
        body=(
            _("Linked to a restricted case") if hidden else _("Linked to %(ref)s") % {"ref": other.reference}
        ),
    )
    events.complaint_linked(actor=actor, complaint=complaint, other=other)


@transaction.atomic
def complaint_patron_reply(*, complaint: Complaint, body: str, by_email: bool = False) -> None:
    """The patron adds information or answers a message from the status page, or by replying to an e-mail
    (`by_email`); the owner is told."""
    text = body.strip()
    require(bool(text), _("Write your message before sending it."))
    add_entry(complaint=complaint, kind=EntryKind.PATRON_REPLY, body=text, for_patron=True)
    Complaint.objects.filter(pk=complaint.pk).update(waiting_for_patron_since=None)
    complaint.waiting_for_patron_since = None
    events.patron_message_received(complaint=complaint)
    mail_staff(
        user=complaint.owner,
        complaint=complaint,
        subject_template="complaints/email/patron_reply_subject.txt",
        body_template="complaints/email/patron_reply_body.txt",
        kind="complaints.patron_reply",
        context={"by_email": by_email},
    )


@transaction.atomic
def praise_pass_on(*, actor, complaint: Complaint, staff) -> None:
    """A supervisor passes praise on to the staff it names: they are told, and may then read this case."""
    require(complaint.kind == Kind.PRAISE, _("Only praise is passed on to staff."))
    require(has_case_authority(actor, complaint), _("Only a supervisor of the branch passes praise on."))
    people = [member for member in staff if member.library_system_id == complaint.system_id]
    require(bool(people), _("Choose the members of staff the praise is for."))
    complaint.praise_passed_to.add(*people)
    complaint.praise_passed_at = timezone.now()
    Complaint.objects.filter(pk=complaint.pk).update(praise_passed_at=complaint.praise_passed_at)
    names = ", ".join(member.full_name for member in people)
    add_entry(
        complaint=complaint,
        kind=EntryKind.NOTE,
        author=actor,
        body=names,
        data={"code": "praise_passed"},
    )
    events.praise_passed_on(actor=actor, complaint=complaint, staff=people)
    for member in people:
        mail_staff(
            user=member,
            complaint=complaint,
            subject_template="complaints/email/praise_subject.txt",
            body_template="complaints/email/praise_body.txt",
            kind="complaints.praise",
        )
