from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("account/notifications/", views.PreferencesView.as_view(), name="preferences"),
    path("notifications/", views.NotificationListView.as_view(), name="list"),
    path("notifications/<int:pk>/read/", views.MarkReadView.as_view(), name="mark_read"),
    path("notifications/read-all/", views.MarkAllReadView.as_view(), name="mark_all_read"),
]
