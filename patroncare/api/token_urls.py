from django.urls import path

from . import token_views

app_name = "api_tokens"

urlpatterns = [
    path("", token_views.TokensView.as_view(), name="mine"),
    path("new/", token_views.TokenCreateView.as_view(), name="create"),
    path("all/", token_views.AllTokensView.as_view(), name="all"),
    path("<int:pk>/revoke/", token_views.TokenRevokeView.as_view(), name="revoke"),
]
