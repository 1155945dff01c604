from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportsView.as_view(), name="index"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("files/<int:pk>/columns/", views.ColumnsView.as_view(), name="columns"),
    path("files/<int:pk>/values/", views.ValuesView.as_view(), name="values"),
    path("files/<int:pk>/dry-run/", views.PreviewView.as_view(), name="preview"),
    path("files/<int:pk>/start/", views.StartView.as_view(), name="start"),
    path("files/<int:pk>/discard/", views.DiscardView.as_view(), name="discard"),
    path("files/<int:pk>/", views.JobView.as_view(), name="job"),
    path("runs/<int:pk>/failed-rows.csv", views.FailedRowsView.as_view(), name="failed_rows"),
    path("runs/<int:pk>/undo/", views.UndoView.as_view(), name="undo"),
]
