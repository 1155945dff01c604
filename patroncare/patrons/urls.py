from django.urls import path

from . import views

app_name = "patrons"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("requests/", views.RightsRequestListView.as_view(), name="requests"),
    path("requests/<int:pk>/handle/", views.RightsRequestHandleView.as_view(), name="request_handle"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/merge/", views.PersonMergeView.as_view(), name="merge"),
    path("<int:pk>/correct/", views.PersonCorrectView.as_view(), name="correct"),
    path(
        "<int:pk>/export.json", views.PersonExportView.as_view(), {"file_format": "json"}, name="export_json"
    ),
    path("<int:pk>/export.pdf", views.PersonExportView.as_view(), {"file_format": "pdf"}, name="export_pdf"),
]
