from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.ScheduleView.as_view(), name="schedule"),
    path("rules/<str:code>/", views.RuleUpdateView.as_view(), name="rule_update"),
    path("holds/", views.HoldListView.as_view(), name="holds"),
    path("holds/<int:pk>/release/", views.HoldReleaseView.as_view(), name="hold_release"),
    path("erase/<int:pk>/", views.PersonEraseView.as_view(), name="erase"),
]
