from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.IncidentListView.as_view(), name="list"),
    path("new/", views.IncidentReportView.as_view(), name="report"),
    path("writing-help/", views.WritingHelpView.as_view(), name="writing_help"),
    path("drafts/", views.DraftSaveView.as_view(), name="draft_save"),
    path("drafts/<uuid:key>/discard/", views.DraftDiscardView.as_view(), name="draft_discard"),
    path("retention/", views.RetentionView.as_view(), name="retention"),
    path("patterns/", views.PatternsView.as_view(), name="patterns"),
    path("check-ins/<int:pk>/", views.CheckInView.as_view(), name="checkin"),
    path("<int:pk>/", views.IncidentDetailView.as_view(), name="detail"),
    path("<int:pk>/debrief/", views.DebriefView.as_view(), name="debrief"),
]
