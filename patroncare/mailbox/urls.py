from django.urls import path

from . import views

app_name = "mailbox"

urlpatterns = [
    path("review/", views.ReviewQueueView.as_view(), name="queue"),
    path("<int:pk>/", views.InboundDetailView.as_view(), name="detail"),
    path("<int:pk>/files/<int:attachment_pk>/", views.InboundAttachmentView.as_view(), name="attachment"),
    path("<int:pk>/release/", views.ReleaseView.as_view(), name="release"),
    path("<int:pk>/start-case/", views.StartCaseView.as_view(), name="start_case"),
    path("<int:pk>/discard/", views.DiscardView.as_view(), name="discard"),
]
