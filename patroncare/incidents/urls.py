from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.IncidentListView.as_view(), name="list"),
    path("new/", views.IncidentReportView.as_view(), name="report"),
    path("writing-help/", views.WritingHelpView.as_view(), name="writing_help"),
    path("drafts/", views.DraftSaveView.as_view(), name="draft_save"),
    path("drafts/<uuid:key>/discard/", views.DraftDiscardView.as_view(), name="draft_discard"),
    # The schedule moved to one page for every record type; the old address still leads there.
    path("retention/", RedirectView.as_view(pattern_name="retention:schedule"), name="retention"),
    path("alert-settings/", views.AlertSettingsView.as_view(), name="alert_settings"),
    path("patterns/", views.PatternsView.as_view(), name="patterns"),
    path("files/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("check-ins/<int:pk>/", views.CheckInView.as_view(), name="checkin"),
    path("follow-ups/", views.FollowUpListView.as_view(), name="follow_ups"),
    path("follow-ups/<int:pk>/", views.FollowUpView.as_view(), name="follow_up"),
    path("follow-ups/<int:pk>/assign/", views.FollowUpAssignView.as_view(), name="follow_up_assign"),
    path("follow-ups/<int:pk>/done/", views.FollowUpCompleteView.as_view(), name="follow_up_complete"),
    path("<int:pk>/", views.IncidentDetailView.as_view(), name="detail"),
    path("<int:pk>/debrief/", views.DebriefView.as_view(), name="debrief"),
    path("<int:pk>/follow-ups/", views.FollowUpAddView.as_view(), name="follow_up_add"),
    path("<int:pk>/acknowledge/", views.AlertAcknowledgeView.as_view(), name="acknowledge"),
]
