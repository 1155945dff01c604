from django.urls import path

from . import views

app_name = "conduct"

urlpatterns = [
    path("", views.BoardView.as_view(), name="board"),
    path("rules/", views.RuleListView.as_view(), name="rules"),
    path("rules/new/", views.RuleFormView.as_view(), name="rule_create"),
    path("rules/<int:pk>/", views.RuleFormView.as_view(), name="rule_edit"),
    path("ladder/", views.LadderView.as_view(), name="ladder"),
    path("ladder/steps/", views.LadderStepCreateView.as_view(), name="ladder_step_create"),
    path("ladder/steps/<int:pk>/", views.LadderStepEditView.as_view(), name="ladder_step_edit"),
    path("ladder/steps/<int:pk>/delete/", views.LadderStepDeleteView.as_view(), name="ladder_step_delete"),
    path("ladder/classes/", views.BehaviourClassCreateView.as_view(), name="class_create"),
    path("ladder/classes/<int:pk>/", views.BehaviourClassEditView.as_view(), name="class_edit"),
    path("ladder/classes/<int:pk>/delete/", views.BehaviourClassDeleteView.as_view(), name="class_delete"),
    path("ladder/limits/", views.IssueLimitView.as_view(), name="issue_limit"),
    path("appeal-rules/", views.AppealSettingsView.as_view(), name="appeal_settings"),
    path("exclusions/", views.ExclusionListView.as_view(), name="exclusions"),
    path("exclusions/new/", views.ExclusionCreateView.as_view(), name="exclusion_create"),
    path("exclusions/<int:pk>/", views.ExclusionDetailView.as_view(), name="exclusion_detail"),
    path("exclusions/<int:pk>/approve/", views.ExclusionApproveView.as_view(), name="exclusion_approve"),
    path("exclusions/<int:pk>/deliveries/", views.DeliveryCreateView.as_view(), name="delivery_create"),
    path("exclusions/<int:pk>/letter.pdf", views.ExclusionLetterView.as_view(), name="exclusion_letter"),
    path("exclusions/<int:pk>/appeals/", views.AppealCreateView.as_view(), name="appeal_create"),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/", views.AppealDecideView.as_view(), name="appeal_decide"
    ),
    path(
        "exclusions/<int:pk>/appeals/<int:appeal_pk>/letter.pdf",
        views.AppealLetterView.as_view(),
        name="appeal_letter",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/",
        views.LiftRequestCreateView.as_view(),
        name="lift_request_create",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/<int:lift_pk>/",
        views.LiftRequestDecideView.as_view(),
        name="lift_request_decide",
    ),
    path(
        "exclusions/<int:pk>/lift-requests/<int:lift_pk>/letter.pdf",
        views.LiftRequestLetterView.as_view(),
        name="lift_request_letter",
    ),
    path("exclusions/<int:pk>/review/", views.ExclusionReviewCompleteView.as_view(), name="exclusion_review"),
    path("exclusions/<int:pk>/photo/", views.PhotoUploadView.as_view(), name="photo_upload"),
    path("people/<int:person_pk>/photo/", views.PersonPhotoView.as_view(), name="person_photo"),
    path("review/", views.ReviewView.as_view(), name="review"),
]
