"""Audit events of complaints: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit import labels
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Channel, Complaint, Judgement, Severity
from .models.choices import MessageChannel

PATRON_STATUS_PAGE = "patron (status page)"
PATRON_FOLLOW_UP = "patron (follow-up)"
PUBLIC_FORM = "public form"

VIEWED = define("complaints.viewed", Action.VIEW, _("Complaint viewed"))
VIEWED_WITH_PATRON = define(
    "complaints.viewed_with_patron", Action.VIEW, _("Complaint viewed, with the patron's details")
)
PRACTICE_MATERIAL_READ = define(
    "complaints.practice_material_read",
    Action.VIEW,
    _("Narrative used for a practice draft, identifying details removed"),
)
ATTACHMENT_OPENED = define(
    "complaints.attachment_opened", Action.VIEW, _("Attachment #%(attachment)s opened")
)
STATUS_PAGE_VIEWED = define(
    "complaints.status_page_viewed", Action.VIEW, _("Status page viewed by the patron")
)
EXPORTED = define("complaints.exported", Action.EXPORT, _("%(count)s complaints exported (CSV)"))

RECORDED = define(
    "complaints.recorded", Action.CREATE, _("Complaint recorded (%(channel)s)"), choices={"channel": Channel}
)
RECEIVED_ONLINE = define(
    "complaints.received_online", Action.CREATE, _("Complaint received from the public form")
)
RECEIPT_EMAILED = define("complaints.receipt_emailed", Action.UPDATE, _("Receipt e-mailed"))
RECEIPT_EMAIL_GIVEN = define(
    "complaints.receipt_email_given", Action.UPDATE, _("Patron's e-mail address given for the receipt")
)
ATTACHMENT_ADDED = define("complaints.attachment_added", Action.UPDATE, _("Attachment #%(attachment)s added"))
TRIAGED = define("complaints.triaged", Action.UPDATE, _("Complaint triaged"))
ACKNOWLEDGED = define(
    "complaints.acknowledged",
    Action.UPDATE,
    _("Complaint acknowledged (%(channel)s)"),
    choices={"channel": MessageChannel},
)
NOTE_ADDED = define("complaints.note_added", Action.UPDATE, _("Internal note added"))
PATRON_MESSAGED = define("complaints.patron_messaged", Action.UPDATE, _("Message sent to the patron"))
PATRON_MESSAGE_RECEIVED = define(
    "complaints.patron_message_received", Action.UPDATE, _("Message received from the patron")
)
EXTENDED = define("complaints.extended", Action.UPDATE, _("Response deadline extended"))
REASSIGNED = define("complaints.reassigned", Action.UPDATE, _("Complaint reassigned"))
LINKED = define("complaints.linked", Action.UPDATE, _("Linked to complaint %(other)s"))
PRAISE_PASSED_ON = define(
    "complaints.praise_passed_on", Action.UPDATE, _("Praise passed on to %(count)s members of staff")
)
MERGED_INTO = define("complaints.merged_into", Action.UPDATE, _("Merged into complaint %(other)s"))
MERGED_FROM = define("complaints.merged_from", Action.UPDATE, _("Complaint %(other)s merged into this one"))
RESPONSE_SENT = define("complaints.response_sent", Action.UPDATE, _("Response sent"))
REVIEW_REQUESTED = define("complaints.review_requested", Action.UPDATE, _("Review requested by the patron"))
CLOSED = define(
    "complaints.closed",
    Action.UPDATE,
    _("Complaint closed (%(judgement)s)"),
    choices={"judgement": Judgement},
)
REOPENED = define("complaints.reopened", Action.UPDATE, _("Complaint reopened"))
ACTION_ADDED = define("complaints.action_added", Action.UPDATE, _("Outstanding action added"))
ACTION_DONE = define("complaints.action_done", Action.UPDATE, _("Outstanding action done"))
FOLLOW_UP_ANSWERED = define(
    "complaints.follow_up_answered", Action.UPDATE, _("Follow-up question answered by the patron")
)
SATISFACTION_RECORDED = define(
    "complaints.satisfaction_recorded", Action.UPDATE, _("Patron's satisfaction recorded")
)

CATEGORY_SAVED = define("complaints.category_saved", Action.UPDATE, _("Complaint category saved"))
DEADLINES_SAVED = define(
    "complaints.deadlines_saved",
    Action.UPDATE,
    _("Complaint deadlines saved for %(severity)s"),
    choices={"severity": Severity},
)
PATTERN_THRESHOLDS_SAVED = define(
    "complaints.pattern_thresholds_saved", Action.UPDATE, _("Complaint pattern thresholds saved")
)
REPLY_TEMPLATE_SAVED = define("complaints.reply_template_saved", Action.UPDATE, _("Reply template saved"))
LEAD_SET = define("complaints.lead_set", Action.UPDATE, _("Complaints lead named"))
LEAD_REMOVED = define(
    "complaints.lead_removed",
    Action.UPDATE,
    _("Complaints lead removed (branch #%(branch)s, or the system queue)"),
)
POLICY_REVIEW_OPENED = define("complaints.policy_review_opened", Action.CREATE, _("Policy review opened"))
PATTERN_REVIEW_OPENED = define(
    "complaints.pattern_review_opened",
    Action.UPDATE,
    _("Review opened for a pattern of %(count)s cases: %(references)s"),
)
POLICY_REVIEW_DONE = define("complaints.policy_review_done", Action.UPDATE, _("Policy review done"))

STATEMENT_DRAFTED = define("complaints.statement_drafted", Action.CREATE, _("Public statement drafted"))
STATEMENT_EDITED = define("complaints.statement_edited", Action.UPDATE, _("Statement text edited"))
STATEMENT_APPROVED = define(
    "complaints.statement_approved", Action.UPDATE, _("Statement approved by the director")
)
STATEMENT_REVIEWED = define(
    "complaints.statement_reviewed", Action.UPDATE, _("Statement reviewed by a trustee")
)
STATEMENT_OBJECTED = define(
    "complaints.statement_objected",
    Action.UPDATE,
    _("A trustee objected: statement returned to the director as a draft"),
)
STATEMENT_COMMENTED = define("complaints.statement_commented", Action.UPDATE, _("Comment on the statement"))
STATEMENT_PUBLISHED = define("complaints.statement_published", Action.UPDATE, _("Statement published"))


# Reads (called by the views that show them)


def complaint_viewed(*, actor, complaint, with_patron: bool):
    return audit_event(VIEWED_WITH_PATRON if with_patron else VIEWED, actor=actor, obj=complaint)


def practice_material_read(*, actor, pk: int):
    complaint = Complaint.objects.only("pk", "system_id").get(pk=pk)
    return audit_event(PRACTICE_MATERIAL_READ, actor=actor, obj=complaint)


def attachment_opened(*, actor, complaint, attachment):
    return audit_event(ATTACHMENT_OPENED, actor=actor, obj=complaint, params={"attachment": attachment.pk})


def status_page_viewed(*, complaint):
    return audit_event(
        STATUS_PAGE_VIEWED,
        obj=complaint,
        library_system_id=complaint.system_id,
        actor_label=PATRON_STATUS_PAGE,
    )


def complaints_exported(*, actor, count: int):
    return audit_event(EXPORTED, actor=actor, params={"count": count})


# The life of a complaint


def _on_complaint(event, *, actor, complaint, changes=None, params=None, actor_label=""):
    return audit_event(
        event,
        actor=actor,
        obj=complaint,
        params=params,
        changes=changes,
        library_system_id=complaint.system_id,
        actor_label=actor_label,
    )


def complaint_recorded(*, actor, complaint):
    return audit_event(RECORDED, actor=actor, obj=complaint, params={"channel": complaint.channel})


def complaint_received_online(*, complaint, system):
    return audit_event(RECEIVED_ONLINE, obj=complaint, library_system_id=system.pk, actor_label=PUBLIC_FORM)


def receipt_emailed(*, actor, complaint):
    return _on_complaint(RECEIPT_EMAILED, actor=actor, complaint=complaint)


def receipt_email_given(*, actor, complaint, changes):
    return _on_complaint(RECEIPT_EMAIL_GIVEN, actor=actor, complaint=complaint, changes=changes)


def attachment_added(*, actor, complaint, attachment):
    return _on_complaint(
        ATTACHMENT_ADDED, actor=actor, complaint=complaint, params={"attachment": attachment.pk}
    )


def complaint_triaged(*, actor, complaint, changes):
    return _on_complaint(TRIAGED, actor=actor, complaint=complaint, changes=changes)


def complaint_acknowledged(*, actor, complaint, channel: str):
    return _on_complaint(ACKNOWLEDGED, actor=actor, complaint=complaint, params={"channel": channel})


def note_added(*, actor, complaint):
    return _on_complaint(NOTE_ADDED, actor=actor, complaint=complaint)


def patron_messaged(*, actor, complaint):
    return _on_complaint(PATRON_MESSAGED, actor=actor, complaint=complaint)


def patron_message_received(*, complaint):
    return _on_complaint(
        PATRON_MESSAGE_RECEIVED, actor=None, complaint=complaint, actor_label=PATRON_STATUS_PAGE
    )


def complaint_extended(*, actor, complaint, changes):
    return _on_complaint(EXTENDED, actor=actor, complaint=complaint, changes=changes)


def complaint_reassigned(*, actor, complaint, changes):
    return _on_complaint(REASSIGNED, actor=actor, complaint=complaint, changes=changes)


def complaint_linked(*, actor, complaint, other):
    return _on_complaint(LINKED, actor=actor, complaint=complaint, params={"other": other.reference})


def praise_passed_on(*, actor, complaint, staff):
    params = {"count": len(staff), "staff": [member.pk for member in staff]}
    return _on_complaint(PRAISE_PASSED_ON, actor=actor, complaint=complaint, params=params)


def complaint_merged(*, actor, merged, into, merged_changes, into_changes):
    """Both sides of a merge: the case merged away and the case that now holds it."""
    _on_complaint(
        MERGED_INTO, actor=actor, complaint=merged, changes=merged_changes, params={"other": into.reference}
    )
    _on_complaint(
        MERGED_FROM, actor=actor, complaint=into, changes=into_changes, params={"other": merged.reference}
    )


def response_sent(*, actor, complaint, changes):
    return _on_complaint(RESPONSE_SENT, actor=actor, complaint=complaint, changes=changes)


def review_requested(*, complaint):
    return _on_complaint(REVIEW_REQUESTED, actor=None, complaint=complaint, actor_label=PATRON_STATUS_PAGE)


def complaint_closed(*, actor, complaint, judgement: str):
    return _on_complaint(CLOSED, actor=actor, complaint=complaint, params={"judgement": judgement})


def complaint_reopened(*, actor, complaint):
    return _on_complaint(REOPENED, actor=actor, complaint=complaint)


def action_added(*, actor, complaint, action):
    changes = {
        "action": {},
        "owner": [None, action.owner_id],
        "due_date": [None, action.due_date.isoformat()],
    }
    return _on_complaint(
        ACTION_ADDED, actor=actor, complaint=complaint, changes=changes, params={"action": action.pk}
    )


def action_done(*, actor, action):
    return _on_complaint(ACTION_DONE, actor=actor, complaint=action.complaint, params={"action": action.pk})


def follow_up_answered(*, complaint):
    return _on_complaint(FOLLOW_UP_ANSWERED, actor=None, complaint=complaint, actor_label=PATRON_FOLLOW_UP)


def satisfaction_recorded(*, actor, complaint, changes):
    return _on_complaint(SATISFACTION_RECORDED, actor=actor, complaint=complaint, changes=changes)


# Configuration and learning


def category_saved(*, actor, category, system):
    return audit_event(CATEGORY_SAVED, actor=actor, obj=category, library_system_id=system.pk)


def deadlines_saved(*, actor, rule, system, severity: str):
    params = {"severity": severity}
    return audit_event(DEADLINES_SAVED, actor=actor, obj=rule, library_system_id=system.pk, params=params)


def pattern_thresholds_saved(*, actor, config, system):
    return audit_event(PATTERN_THRESHOLDS_SAVED, actor=actor, obj=config, library_system_id=system.pk)


def reply_template_saved(*, actor, template, system):
    return audit_event(REPLY_TEMPLATE_SAVED, actor=actor, obj=template, library_system_id=system.pk)


def lead_set(*, actor, lead_record, system):
    params = {"branch": lead_record.branch_id, "lead": lead_record.lead_id}
    return audit_event(LEAD_SET, actor=actor, obj=lead_record, library_system_id=system.pk, params=params)


def lead_removed(*, actor, system, branch):
    params = {"branch": branch.pk if branch is not None else None}
    return audit_event(LEAD_REMOVED, actor=actor, library_system_id=system.pk, params=params)


def policy_review_opened(*, actor, review, system):
    return audit_event(POLICY_REVIEW_OPENED, actor=actor, obj=review, library_system_id=system.pk)


def pattern_review_opened(*, actor, review, system, linked: int, cases):
    params = {"count": linked, "references": ", ".join(case.reference for case in cases)[:200]}
    return audit_event(
        PATTERN_REVIEW_OPENED, actor=actor, obj=review, library_system_id=system.pk, params=params
    )


def policy_review_done(*, actor, review):
    return audit_event(POLICY_REVIEW_DONE, actor=actor, obj=review, library_system_id=review.system_id)


def _on_statement(event, *, actor, statement, changes=None):
    return audit_event(
        event, actor=actor, obj=statement, library_system_id=statement.system_id, changes=changes
    )


def statement_drafted(*, actor, statement):
    return _on_statement(STATEMENT_DRAFTED, actor=actor, statement=statement)


def statement_edited(*, actor, statement, changes):
    return _on_statement(STATEMENT_EDITED, actor=actor, statement=statement, changes=changes)


def statement_approved(*, actor, statement):
    return _on_statement(STATEMENT_APPROVED, actor=actor, statement=statement)


def statement_reviewed(*, actor, statement):
    return _on_statement(STATEMENT_REVIEWED, actor=actor, statement=statement)


def statement_objected(*, actor, statement):
    return _on_statement(STATEMENT_OBJECTED, actor=actor, statement=statement)


def statement_commented(*, actor, statement):
    return _on_statement(STATEMENT_COMMENTED, actor=actor, statement=statement)


def statement_published(*, actor, statement):
    return _on_statement(STATEMENT_PUBLISHED, actor=actor, statement=statement)


labels.register_model("complaints.complaintslead", related=("branch", "system", "lead"))
