"""Events written before typed events: no name is kept.

`object_repr` is blanked (the trail labels records from their current state), free-text summaries become event
codes where they are recognised (the fixed strings the application wrote), else they are blanked; changes keep
their field names and only non-personal values. Action, record type and id, actor and time are kept.
The rows are rewritten through the audit maintenance window, the one path the triggers let through.
"""

import re

from django.apps import apps as global_apps
from django.db import migrations

from patroncare.audit.changes import safe_changes

FIXED = {
    "Staff account created": "accounts.staff_created",
    "Staff account changed": "accounts.staff_changed",
    "Own profile changed": "accounts.profile_changed",
    "Two-factor device replaced": "accounts.two_factor_replaced",
    "Two-factor sign-in enabled": "accounts.two_factor_enabled",
    "Two-factor device reset by an administrator": "accounts.two_factor_reset",
    "Two-factor sign-in disabled": "accounts.two_factor_disabled",
    "Wrong e-mail or password, or account locked": "accounts.sign_in_failed",
    "Staff account opened": "accounts.staff_viewed",
    "Complaint pattern thresholds saved": "complaints.pattern_thresholds_saved",
    "Statement text edited": "complaints.statement_edited",
    "Statement approved by the director": "complaints.statement_approved",
    "Statement reviewed by a trustee": "complaints.statement_reviewed",
    "Statement published": "complaints.statement_published",
    "A trustee objected: statement returned to the director as a draft": "complaints.statement_objected",
    "Comment on the statement": "complaints.statement_commented",
    "Exclusion read": "conduct.exclusion_viewed",
    "Appeal filed": "conduct.appeal_filed",
    "Appeal filed late, for good cause": "conduct.appeal_filed_late",
    "Exclusion issued": "conduct.exclusion_issued",
    "Exclusion issued (deviation from the ladder)": "conduct.exclusion_issued_deviating",
    "Deviation from the ladder approved": "conduct.deviation_approved",
    "Notice delivery recorded": "conduct.notice_delivered",
    "Periodic review of exclusions recorded": "conduct.periodic_review_recorded",
    "Review of a pending exclusion completed": "conduct.pending_review_completed",
    "Photo of the excluded person added": "conduct.photo_added",
    "Hearing scheduled": "conduct.hearing_scheduled",
    "Hearing scheduled, after the deadline": "conduct.hearing_scheduled_late",
    "Hearing moved": "conduct.hearing_moved",
    "Hearing moved, after the deadline": "conduct.hearing_moved_late",
    "Documents of the hearing sent to the person": "conduct.hearing_documents_sent",
    "Request to lift a permanent exclusion recorded": "conduct.lift_requested",
    "Request to lift a permanent exclusion recorded early, for good cause": "conduct.lift_requested_early",
    "Board of current exclusions read": "conduct.board_viewed",
    "Exclusion list read": "conduct.exclusion_list_viewed",
    "Photo of an excluded person seen": "conduct.photo_viewed",
    "Ladder downloaded as a CSV file": "conduct.ladder_exported",
    "Request to lift read": "conduct.lift_request_viewed",
    "Playbook settings changed": "guidance.playbook_settings_changed",
    "Phrase added to the phrase cards": "guidance.phrase_added",
    "Standard playbook added": "guidance.playbook_added",
    "Incident report read": "incidents.viewed",
    "Alert not acknowledged in time: escalated": "incidents.alert_escalated",
    "Alert escalation time changed": "incidents.alert_settings_changed",
    "Alert acknowledged": "incidents.alert_acknowledged",
    "Follow-up reassigned": "incidents.follow_up_reassigned",
    "Follow-up assigned": "incidents.follow_up_assigned",
    "Follow-up done": "incidents.follow_up_done",
    "Debrief recorded": "incidents.debrief_recorded",
    "Well-being check-in answered": "incidents.checkin_answered",
    "Incident retention schedule changed": "incidents.retention_changed",
    "Default incident retention schedule installed": "incidents.retention_installed",
    "Follow-up read": "incidents.follow_up_viewed",
    "Follow-up list read": "incidents.follow_up_list_viewed",
    "Incident list read": "incidents.list_viewed",
    "Library system settings changed": "libraries.system_changed",
    "Branch added": "libraries.branch_added",
    "Branch changed": "libraries.branch_changed",
    "Location changed": "libraries.location_changed",
    "Holiday added": "libraries.holiday_added",
    "Holiday removed": "libraries.holiday_removed",
    "Notification choices saved": "notifications.choices_saved",
    "Exception log entry viewed": "policies.exception_viewed",
    "Exception approved": "policies.exception_decided",
    "Exception declined": "policies.exception_declined",
    "Policy added": "policies.policy_added",
    "Policy changed": "policies.policy_changed",
    "Inclusivity checklist saved": "policies.checklist_saved",
    "Rules of conduct linked to the policy": "policies.rules_linked",
    "Behaviour class added": "rulebook.class_added",
    "Behaviour class changed": "rulebook.class_changed",
    "Behaviour class removed": "rulebook.class_removed",
    "Rule of conduct added": "rulebook.rule_added",
    "Rule of conduct changed": "rulebook.rule_changed",
    "Ladder step added": "rulebook.step_added",
    "Ladder step changed": "rulebook.step_changed",
    "Ladder step removed": "rulebook.step_removed",
    "Exclusion limit for a role changed": "rulebook.limit_changed",
    "Authority group added": "rulebook.group_added",
    "Authority group changed": "rulebook.group_changed",
    "Authority group removed": "rulebook.group_removed",
    "Appeal rules changed": "rulebook.appeal_rules_changed",
    "Ladder entered as a table": "rulebook.ladder_grid_saved",
    "Ladder replaced from a CSV file": "rulebook.ladder_csv_imported",
    "Default exclusion limits installed": "rulebook.limits_installed",
    "Practice assignment cancelled": "training.assignment_cancelled",
    "Group session finished": "training.session_finished",
    "Viewed a person's practice records": "training.records_viewed",
    "Viewed a person's practice answers": "training.answers_viewed",
    "Narrative used for a practice draft, identifying details removed": "",  # complaint or incident: by type
}

# Summaries built from values: only groups that are codes, numbers or references are kept as params.
REF = r"[A-Z0-9][A-Z0-9\-]*"
PATTERNS = [
    (rf"^Viewed {REF} with patron details$", "complaints.viewed_with_patron", ()),
    (rf"^Viewed {REF}$", "complaints.viewed", ()),
    (r"^Attachment added to ", "complaints.attachment_added", ()),
    (r"^Complaint category saved: ", "complaints.category_saved", ()),
    (r"^Complaint deadlines saved for (\w+)$", "complaints.deadlines_saved", ("severity",)),
    (rf"^Recorded {REF} \((\w+)\)$", "complaints.recorded", ("channel",)),
    (rf"^Received {REF} from the public form$", "complaints.received_online", ()),
    (rf"^Receipt of {REF} e-mailed$", "complaints.receipt_emailed", ()),
    (r"^Patron's e-mail given on the receipt of ", "complaints.receipt_email_given", ()),
    (rf"^Merged {REF} into ({REF})$", "complaints.merged_into", ("other",)),
    (rf"^({REF}) merged into {REF}$", "complaints.merged_from", ("other",)),
    (r"^Reply template saved: ", "complaints.reply_template_saved", ()),
    (rf"^Response sent on {REF}$", "complaints.response_sent", ()),
    (rf"^Review requested on {REF}$", "complaints.review_requested", ()),
    (rf"^Closed {REF} \((\w+)\)$", "complaints.closed", ("judgement",)),
    (rf"^Reopened {REF}$", "complaints.reopened", ()),
    (rf"^Action added on {REF}$", "complaints.action_added", ()),
    (rf"^Action done on {REF}$", "complaints.action_done", ()),
    (r"^Policy review opened: ", "complaints.policy_review_opened", ()),
    (r"^Review opened for a pattern of (\d+) cases: ", "complaints.pattern_review_opened", ("count",)),
    (r"^Policy review done: ", "complaints.policy_review_done", ()),
    (rf"^Follow-up answer on {REF}$", "complaints.follow_up_answered", ()),
    (rf"^Satisfaction recorded on {REF}$", "complaints.satisfaction_recorded", ()),
    (r"^Complaints lead removed for ", "complaints.lead_removed", ()),
    (r"^Complaints lead for ", "complaints.lead_set", ()),
    (rf"^Statement drafted for {REF}$", "complaints.statement_drafted", ()),
    (rf"^Acknowledged {REF}$", "complaints.acknowledged", ()),
    (rf"^Internal note on {REF}$", "complaints.note_added", ()),
    (rf"^Message to the patron of {REF}$", "complaints.patron_messaged", ()),
    (rf"^Extended {REF}$", "complaints.extended", ()),
    (rf"^Reassigned {REF}$", "complaints.reassigned", ()),
    (rf"^Linked {REF} to ({REF})$", "complaints.linked", ("other",)),
    (rf"^Patron's message on {REF}$", "complaints.patron_message_received", ()),
    (rf"^Praise {REF} passed on to ", "complaints.praise_passed_on", ()),
    (rf"^Triaged {REF}$", "complaints.triaged", ()),
    (r"^Opened attachment .* of the incident report$", "incidents.attachment_opened", ()),
    (r"^Opened attachment ", "complaints.attachment_opened", ()),
    (rf"^Status page of {REF}$", "complaints.status_page_viewed", ()),
    (r"^Exported (\d+) complaints \(CSV\)$", "complaints.exported", ("count",)),
    (r"^Appeal decided: (\w+)$", "conduct.appeal_decided", ("decision",)),
    (r"^Hearing recorded: (\w+)$", "conduct.hearing_held", ("attendance",)),
    (r"^Letter issued and stored: (\w+) \((\w+)\)$", "conduct.letter_issued", ("kind", "language")),
    (r"^Request to lift a permanent exclusion decided: (\w+)$", "conduct.lift_decided", ("decision",)),
    (r"^.* (?:produced|printed) \((\w+), letter (\d+)\)$", "conduct.letter_printed", ("language", "letter")),
    (r"^Playbook text \((\w+)\) edited, revision (\d+)$", "guidance.playbook_text_edited", ("language", "revision")),
    (r"^Phrase-card language added: ", "guidance.language_added", ()),
    (r"^Phrase cards in .*: (\d+) changed$", "guidance.translations_saved", ("count",)),
    (r"^Follow-up added to incident #(\d+)$", "incidents.follow_up_added", ("incident",)),
    (r"^Incident reported \((\w+)\)$", "incidents.reported", ("level",)),
    (r"^Retention: (\w+) (\d+) incidents, (\d+) exclusions$", "incidents.retention_run", ("mode", "incidents", "exclusions")),
    (r"^Location added to ", "libraries.location_added", ()),
    (r"^Closure (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d) removed$", "libraries.closure_removed", ("start", "end")),
    (r"^Closure (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)$", "libraries.closure_added", ("start", "end")),
    (r"^\w+ logged \(\w+\)$", "policies.exception_logged", ()),
    (r"^Policy changed \(version (\d+)\)$", "policies.policy_versioned", ("version",)),
    (r"^Review opened: ", "policies.review_opened", ()),
    (r"^Review ended: (\w+)$", "policies.review_ended", ("outcome",)),
    (r"^Version (\d+) acknowledged$", "policies.acknowledged", ("version",)),
    (r"^Review requested again: ", "policies.review_requested_again", ()),
    (r"^Yes-O-Meter: (\w+) rated (\d+)$", "policies.rated", ("area", "rating")),
    (r"^Scenario draft saved: ([\w\-]+) \((\w+)\) v(\d+)$", "training.draft_saved", ("slug", "language", "number")),
    (r"^Scenario draft edited: ([\w\-]+) v(\d+)$", "training.draft_edited", ("slug", "number")),
    (r"^New version started: ([\w\-]+) v(\d+)$", "training.version_started", ("slug", "number")),
    (r"^Scenario published: ([\w\-]+) v(\d+)$", "training.published", ("slug", "number")),
    (r"^Scenario exported: ([\w\-]+) v(\d+)$", "training.exported", ("slug", "number")),
    (r"^Practice assigned to ", "training.assigned", ()),
    (r"^Group session started with (\d+) attendees$", "training.session_started", ("count",)),
    (r"^Practice records CSV \((\d+) rows\)$", "training.records_exported", ("count",)),
]
NUMERIC = {"count", "incident", "incidents", "exclusions", "letter", "revision", "version", "rating", "number"}
PRACTICE = {"complaints.complaint": "complaints.practice_material_read", "incidents.incident": "incidents.practice_material_read"}


def recognise(summary: str, object_type: str) -> tuple[str, dict]:
    """(event code, params) for an old summary; ("", {}) when it is not recognised."""
    summary = summary.strip()
    if not summary:
        return "", {}
    if summary in FIXED:
        return FIXED[summary] or PRACTICE.get(object_type, ""), {}
    for pattern, code, names in PATTERNS:
        match = re.match(pattern, summary)
        if match:
            params = {name: int(value) if name in NUMERIC else value for name, value in zip(names, match.groups())}
            return code, params
    return "", {}


def forward(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Window = apps.get_model("audit", "MaintenanceWindow")
    using = schema_editor.connection.alias
    window = Window.objects.using(using).create(reason="data migration: events keep no names")
    pks = list(AuditEvent.objects.using(using).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), 500):
        for event in AuditEvent.objects.using(using).filter(pk__in=pks[start : start + 500]):
            _rewrite(apps, AuditEvent, using, event)
    Window.objects.using(using).filter(pk=window.pk).delete()


def _rewrite(apps, AuditEvent, using, event):
    code, params = (event.event, event.params) if event.event else recognise(event.summary, event.object_type)
    changes = safe_changes(event.changes, _model(apps, event.object_type))
    if (event.object_repr, event.summary, event.event, event.changes) == ("", "", code, changes):
        return
    # The base manager: the model's own refuses every update (the trigger lets this one through the window).
    AuditEvent._base_manager.using(using).filter(pk=event.pk).update(
        object_repr="", summary="", event=code, params=params, changes=changes
    )


def _model(apps, object_type):
    """The record's model, to judge which fields are personal: the migration state's, else today's."""
    for registry in (apps, global_apps):
        try:
            return registry.get_model(object_type) if object_type else None
        except (LookupError, ValueError):
            continue
    return None


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_triggers_open_in_a_maintenance_window")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
