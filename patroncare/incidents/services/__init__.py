from .reports import (
    PersonEntry,
    checkin_answer,
    debrief_record,
    draft_discard,
    draft_save,
    incident_report,
    validate_upload,
)
from .retention import retention_apply

__all__ = [
    "PersonEntry",
    "checkin_answer",
    "debrief_record",
    "draft_discard",
    "draft_save",
    "incident_report",
    "retention_apply",
    "validate_upload",
]
