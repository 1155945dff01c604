"""Every write of the complaints app. Views and forms call these; they never save a model themselves."""

from .attachments import attachment_add
from .configuration import categories_install_defaults, category_save, settings_save, severity_rule_save
from .intake import complaint_record, complaint_submit_public, secret_matches
from .replies import fill_template, reply_template_save, reply_templates_install_defaults
from .resolution import (
    action_add,
    action_complete,
    complaint_close,
    complaint_record_satisfaction,
    complaint_reopen,
    complaint_request_review,
    complaint_respond,
    follow_up_token,
    review_available,
    review_complete,
    review_open,
    review_open_for_pattern,
)
from .statements import statement_approve, statement_draft, statement_publish, statement_trustee_review
from .workflow import (
    complaint_acknowledge,
    complaint_add_note,
    complaint_extend,
    complaint_link,
    complaint_patron_reply,
    complaint_reassign,
    complaint_send_message,
    complaint_triage,
    praise_pass_on,
)

__all__ = [
    "attachment_add",
    "fill_template",
    "reply_template_save",
    "reply_templates_install_defaults",
    "categories_install_defaults",
    "category_save",
    "settings_save",
    "severity_rule_save",
    "action_add",
    "action_complete",
    "complaint_acknowledge",
    "complaint_add_note",
    "complaint_close",
    "complaint_extend",
    "complaint_link",
    "complaint_reassign",
    "complaint_record",
    "complaint_record_satisfaction",
    "complaint_reopen",
    "complaint_request_review",
    "complaint_respond",
    "complaint_patron_reply",
    "complaint_send_message",
    "complaint_submit_public",
    "complaint_triage",
    "praise_pass_on",
    "follow_up_token",
    "review_available",
    "review_complete",
    "review_open",
    "review_open_for_pattern",
    "secret_matches",
    "statement_approve",
    "statement_draft",
    "statement_publish",
    "statement_trustee_review",
]
