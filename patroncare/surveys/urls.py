from django.urls import path

from . import views, walk_views

app_name = "surveys"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="index"),
    path("new/", views.RoundStartView.as_view(), name="start"),
    path("<int:pk>/", views.AnswerView.as_view(), name="answer"),
    path("<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("<int:pk>/actions/", views.ActionCreateView.as_view(), name="act"),
    path("<int:pk>/questions/", views.QuestionsView.as_view(), name="questions"),
    path("questions/<int:pk>/", views.QuestionEditView.as_view(), name="question_edit"),
    path("walks/", walk_views.WalkListView.as_view(), name="walks"),
    path("walks/new/", walk_views.WalkStartView.as_view(), name="walk_start"),
    path("walks/checklists/", walk_views.ChecklistView.as_view(), name="walk_checklists"),
    path("walks/points/<int:pk>/", walk_views.CheckPointEditView.as_view(), name="walk_point"),
    path("walks/<int:pk>/", walk_views.WalkDetailView.as_view(), name="walk_detail"),
    path("walks/<int:pk>/area/<slug:area>/", walk_views.WalkAreaView.as_view(), name="walk_area"),
    path("walks/<int:pk>/finish/", walk_views.WalkFinishView.as_view(), name="walk_finish"),
    path("walks/<int:pk>/actions/", walk_views.WalkActionCreateView.as_view(), name="walk_act"),
    path("walks/actions/<int:pk>/done/", walk_views.WalkActionDoneView.as_view(), name="walk_action_done"),
    path("walks/photos/<int:pk>/", walk_views.WalkPhotoView.as_view(), name="walk_photo"),
]
