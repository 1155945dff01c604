from django.urls import path

from .views import public

app_name = "complaints_public"

urlpatterns = [
    path("", public.FeedbackView.as_view(), name="feedback"),
    path("thanks/", public.ThanksView.as_view(), name="thanks"),
    path("status/", public.StatusView.as_view(), name="status"),
    path("status/review/", public.ReviewRequestView.as_view(), name="review_request"),
    path("status/reply/", public.PatronReplyView.as_view(), name="patron_reply"),
    path("status/done/", public.StatusDoneView.as_view(), name="status_done"),
    path("follow-up/<str:token>/", public.FollowUpView.as_view(), name="follow_up"),
]
