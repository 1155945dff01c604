from django.urls import path

from .views import appeals, authority, exclusions, ladder, ladder_csv, ladder_grid, lifting, review, rules

app_name = "conduct"

urlpatterns = [
    path("", exclusions.BoardView.as_view(), name="board"),
    path("rules/", rules.RuleListView.as_view(), name="rules"),
    path("rules/new/", rules.RuleFormView.as_view(), name="rule_create"),
    path("rules/<int:pk>/", rules.RuleFormView.as_view(), name="rule_edit"),
    path("ladder/", ladder.LadderView.as_view(), name="ladder"),
    path("ladder/export.csv", ladder_csv.LadderCsvExportView.as_view(), name="ladder_csv_export"),
    path("ladder/import/", ladder_csv.LadderCsvImportView.as_view(), name="ladder_csv_import"),
    path("ladder/table/", ladder_grid.LadderGridView.as_view(), name="ladder_grid"),
    path("ladder/table/save/", ladder_grid.LadderGridSaveView.as_view(), name="ladder_grid_save"),
    path("ladder/steps/", ladder.LadderStepCreateView.as_view(), name="ladder_step_create"),
    path("ladder/steps/<int:pk>/", ladder.LadderStepEditView.as_view(), name="ladder_step_edit"),
    path("ladder/steps/<int:pk>/delete/", ladder.LadderStepDeleteView.as_view(), name="ladder_step_delete"),
    path("ladder/classes/", ladder.BehaviourClassCreateView.as_view(), name="class_create"),
    path("ladder/classes/<int:pk>/", ladder.BehaviourClassEditView.as_view(), name="class_edit"),
    path("ladder/classes/<int:pk>/delete/", ladder.BehaviourClassDeleteView.as_view(), name="class_delete"),
    path("authority/", authority.AuthorityView.as_view(), name="authority"),
    path("authority/limits/", authority.IssueLimitView.as_view(), name="issue_limit"),
    path(
        "authority/groups/new/", authority.AuthorityGroupCreateView.as_view(), name="authority_group_create"
    ),
    path(
        "authority/groups/<int:pk>/", authority.AuthorityGroupEditView.as_view(), name="authority_group_edit"
    ),
    path(
        "authority/groups/<int:pk>/delete/",
        authority.AuthorityGroupDeleteView.as_view(),
        name="authority_group_delete",
    ),
    path("appeal-rules/", rules.AppealSettingsView.as_view(), name="appeal_settings"),
    path("exclusions/", exclusions.ExclusionListView.as_view(), name="exclusions"),
    path("exclusions/new/", exclusions.ExclusionCreateView.as_view(), name="exclusion_create"),
    path("exclusions/<int:pk>/", exclusions.ExclusionDetailView.as_view(), name="exclusion_detail"),
    path("exclusions/<int:pk>/approve/", exclusions.ExclusionApproveView.as_view(), name="exclusion_approve"),
    path("exclusions/<int:pk>/deliveries/", exclusions.DeliveryCreateView.as_view(), name="delivery_create"),
    path("exclusions/<int:pk>/letter.pdf", exclusions.ExclusionLetterView.as_view(), name="exclusion_letter"),
    path(
        "exclusions/<int:pk>/letters/<int:letter_pk>.pdf",
        exclusions.StoredLetterView.as_view(),
        name="stored_letter",
    ),
    path("exclusions/<int:pk>/appeals/", appeals.AppealCreateView.as_view(), name="appeal_create"),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/",
        appeals.AppealDecideView.as_view(),
        name="appeal_decide",
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/hearing/",
        appeals.HearingScheduleView.as_view(),
        name="hearing_schedule",
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/hearing/documents/",
        appeals.HearingDisclosureView.as_view(),
        name="hearing_disclosure",
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/hearing/attendance/",
        appeals.HearingAttendanceView.as_view(),
        name="hearing_attendance",
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/hearing/invitation.pdf",
        appeals.HearingLetterView.as_view(),
        name="hearing_letter",
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/letter.pdf",
        appeals.AppealLetterView.as_view(),
        name="appeal_letter",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/",
        lifting.LiftRequestCreateView.as_view(),
        name="lift_request_create",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/<int:lift_pk>/",
        lifting.LiftRequestDecideView.as_view(),
        name="lift_request_decide",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/<int:lift_pk>/letter.pdf",
        lifting.LiftRequestLetterView.as_view(),
        name="lift_request_letter",
    ),
    path(
        "exclusions/<int:pk>/review/", review.ExclusionReviewCompleteView.as_view(), name="exclusion_review"
    ),
    path("exclusions/<int:pk>/photo/", exclusions.PhotoUploadView.as_view(), name="photo_upload"),
    path("people/<int:person_pk>/photo/", exclusions.PersonPhotoView.as_view(), name="person_photo"),
    path("review/", review.ReviewView.as_view(), name="review"),
]
