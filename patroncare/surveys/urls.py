from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="index"),
    path("new/", views.RoundStartView.as_view(), name="start"),
    path("<int:pk>/", views.AnswerView.as_view(), name="answer"),
    path("<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("<int:pk>/actions/", views.ActionCreateView.as_view(), name="act"),
]
