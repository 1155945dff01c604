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
from .hearings import hearing_record_attendance, hearing_record_disclosure, hearing_schedule
from .lifting import lift_request_decide, lift_request_record

__all__ = [
    "appeal_decide",
    "appeal_file",
    "exclusion_approve_deviation",
    "exclusion_complete_review",
    "person_photo_set",
    "exclusion_issue",
    "exclusion_record_delivery",
    "hearing_record_attendance",
    "hearing_record_disclosure",
    "hearing_schedule",
    "lift_request_decide",
    "lift_request_record",
    "recommendation_for",
    "review_record",
]
