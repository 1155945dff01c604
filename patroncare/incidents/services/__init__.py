from .reports import (
    PersonEntry,
    checkin_answer,
    debrief_record,
    draft_discard,
    draft_save,
    incident_report,
    validate_upload,
)
from .retention import retention_apply, retention_settings_update

__all__ = [
    "PersonEntry",
    "checkin_answer",
    "debrief_record",
    "draft_discard",
    "draft_save",
    "incident_report",
    "retention_apply",
    "retention_settings_update",
    "validate_upload",
]
