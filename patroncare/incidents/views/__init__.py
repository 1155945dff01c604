from .alerts import AlertAcknowledgeView, AlertSettingsView
from .follow_ups import (
    FollowUpAddView,
    FollowUpAssignView,
    FollowUpCompleteView,
    FollowUpListView,
    FollowUpView,
)
from .incidents import (
    AttachmentDownloadView,
    CheckInView,
    DebriefView,
    DraftDiscardView,
    DraftSaveView,
    IncidentDetailView,
    IncidentListView,
    IncidentReportView,
    PatternsView,
    SystemTimeMixin,
    WritingHelpView,
)

__all__ = [
    "AlertAcknowledgeView",
    "AlertSettingsView",
    "AttachmentDownloadView",
    "CheckInView",
    "DebriefView",
    "DraftDiscardView",
    "DraftSaveView",
    "FollowUpAddView",
    "FollowUpAssignView",
    "FollowUpCompleteView",
    "FollowUpListView",
    "FollowUpView",
    "IncidentDetailView",
    "IncidentListView",
    "IncidentReportView",
    "PatternsView",
    "SystemTimeMixin",
    "WritingHelpView",
]
