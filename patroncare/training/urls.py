from django.urls import path

from .views import author, play, records, sessions

app_name = "training"

urlpatterns = [
    path("", play.LibraryView.as_view(), name="library"),
    path("scenarios/<int:pk>/", play.ScenarioIntroView.as_view(), name="intro"),
    path("plays/<int:pk>/", play.PlayView.as_view(), name="play"),
    path("records/", records.RecordsView.as_view(), name="records"),
    path("records/people/<int:pk>/", records.PersonRecordsView.as_view(), name="person_records"),
    path("records/branches/<int:pk>/", records.BranchRecordsView.as_view(), name="branch_records"),
    path("records/plays/<int:pk>/", records.PlayRecordView.as_view(), name="play_record"),
    path("records/export.csv", records.RecordsCsvView.as_view(), name="records_csv"),
    path("assignments/", sessions.AssignmentsView.as_view(), name="assignments"),
    path("assignments/<int:pk>/cancel/", sessions.AssignmentCancelView.as_view(), name="assignment_cancel"),
    path("sessions/", sessions.SessionListView.as_view(), name="sessions"),
    path("sessions/new/", sessions.SessionNewView.as_view(), name="session_new"),
    path("sessions/<int:pk>/", sessions.SessionRunView.as_view(), name="session"),
    path("author/", author.AuthorListView.as_view(), name="author"),
    path("author/starter-library/", author.StarterLibraryView.as_view(), name="starter_library"),
    path("author/new/", author.NewScenarioView.as_view(), name="author_new"),
    path("author/import/", author.ImportView.as_view(), name="import"),
    path("author/from-case/", author.CaseDraftView.as_view(), name="case_draft"),
    path("author/from-complaint/<int:pk>/", author.ComplaintDraftView.as_view(), name="complaint_draft"),
    path("author/from-incident/<int:pk>/", author.IncidentDraftView.as_view(), name="incident_draft"),
    path("author/scenarios/<int:pk>/edit/", author.EditScenarioView.as_view(), name="scenario_edit"),
    path("author/versions/<int:pk>/", author.VersionView.as_view(), name="version"),
    path("author/versions/<int:pk>/export/", author.ExportView.as_view(), name="export"),
    path("author/versions/<int:pk>/publish/", author.PublishView.as_view(), name="publish"),
]
