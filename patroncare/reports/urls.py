from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path(
        "tables/<slug:key>.<str:file_format>",
        views.TableExportView.as_view(),
        name="table_export",
    ),
    path("board/", views.BoardReportListView.as_view(), name="board_reports"),
    path("board/new/", views.BoardReportCreateView.as_view(), name="board_report_create"),
    path("board/<int:pk>/", views.BoardReportView.as_view(), name="board_report"),
    path("board/<int:pk>/edit/", views.BoardReportUpdateView.as_view(), name="board_report_update"),
    path("board/<int:pk>/approve/", views.BoardReportApproveView.as_view(), name="board_report_approve"),
    path("board/<int:pk>/publish/", views.BoardReportPublishView.as_view(), name="board_report_publish"),
    path(
        "board/<int:pk>/unpublish/", views.BoardReportUnpublishView.as_view(), name="board_report_unpublish"
    ),
    path("board/<int:pk>/read/", views.BoardReportReadView.as_view(), name="board_report_read"),
    path("board/<int:pk>/report.pdf", views.BoardReportPdfView.as_view(), name="board_report_pdf"),
]
