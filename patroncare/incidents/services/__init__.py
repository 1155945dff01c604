from .alerts import (
    alert_acknowledge,
    alert_escalate_if_unacknowledged,
    alert_escalation_due_at,
    alert_send,
    alert_settings_update,
    alerts_escalate_overdue,
)
from .follow_ups import follow_up_add, follow_up_assign, follow_up_complete
from .reports import (
    PersonEntry,
    checkin_answer,
    debrief_record,
    draft_discard,
    draft_save,
    incident_report,
    validate_upload,
)

__all__ = [
    "PersonEntry",
    "alert_acknowledge",
    "alert_escalate_if_unacknowledged",
    "alert_escalation_due_at",
    "alert_send",
    "alert_settings_update",
    "alerts_escalate_overdue",
    "checkin_answer",
    "debrief_record",
    "draft_discard",
    "draft_save",
    "follow_up_add",
    "follow_up_assign",
    "follow_up_complete",
    "incident_report",
    "validate_upload",
]
