from .appeals import appeal_decide, appeal_file
from .exclusions import (
    exclusion_approve_deviation,
    exclusion_complete_review,
    exclusion_issue,
    exclusion_record_delivery,
    person_photo_set,
    recommendation_for,
    review_record,
)
from .lifting import lift_request_decide, lift_request_record
from .rules import (
    appeal_settings_for,
    appeal_settings_update,
    issue_limit_set,
    ladder_step_create,
    ladder_step_delete,
    rule_create,
    rule_update,
    rules_install_defaults,
)

__all__ = [
    "appeal_decide",
    "appeal_file",
    "appeal_settings_for",
    "appeal_settings_update",
    "exclusion_approve_deviation",
    "exclusion_complete_review",
    "person_photo_set",
    "exclusion_issue",
    "exclusion_record_delivery",
    "issue_limit_set",
    "ladder_step_create",
    "ladder_step_delete",
    "lift_request_decide",
    "lift_request_record",
    "recommendation_for",
    "review_record",
    "rule_create",
    "rule_update",
    "rules_install_defaults",
]
