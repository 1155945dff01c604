"""Every write of the policies app. Other apps call `policy_review_request` to ask for a review."""

from .exceptions import (  # noqa: F401
    EXCEPTION_REVIEW_THRESHOLD,
    FixedPolicyError,
    exception_decide,
    exception_record,
    privacy_problems,
)
from .policies import (  # noqa: F401
    add_months,
    policy_acknowledge,
    policy_create,
    policy_review_complete,
    policy_review_request,
    policy_review_save_checklist,
    policy_review_start,
    policy_rules_set,
    policy_update,
)
from .ratings import yes_rating_record  # noqa: F401
