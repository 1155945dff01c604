from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.PolicyListView.as_view(), name="list"),
    path("new/", views.PolicyFormView.as_view(), name="create"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PolicyFormView.as_view(), name="edit"),
    path("<int:pk>/rules/", views.PolicyRulesView.as_view(), name="rules"),
    path("<int:pk>/versions/<int:number>/", views.PolicyVersionView.as_view(), name="version"),
    path("<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="acknowledge"),
    path("<int:pk>/acknowledgements/", views.AcknowledgementStatusView.as_view(), name="acknowledgements"),
    path("<int:pk>/review/", views.ReviewStartView.as_view(), name="review_start"),
    path("<int:pk>/consistency/", views.PolicyConsistencyView.as_view(), name="policy_consistency"),
    path("exceptions/", views.ExceptionListView.as_view(), name="exceptions"),
    path("exceptions/new/", views.ExceptionCreateView.as_view(), name="exception_create"),
    path("exceptions/<int:pk>/", views.ExceptionDetailView.as_view(), name="exception_detail"),
    path("exceptions/<int:pk>/decide/", views.ExceptionDecideView.as_view(), name="exception_decide"),
    path("consistency/", views.ConsistencyView.as_view(), name="consistency"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("yes-o-meter/", views.YesOMeterView.as_view(), name="yes_o_meter"),
]
