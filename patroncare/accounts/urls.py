from django.contrib.auth import views as auth_views
from django.urls import path

from . import staff_views, views

app_name = "accounts"

urlpatterns = [
    path("account/sign-in/", views.SignInView.as_view(), name="login"),
    path("account/sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
    path("account/two-factor/setup/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("account/two-factor/disable/", views.TwoFactorDisableView.as_view(), name="two_factor_disable"),
    path("staff/", staff_views.StaffListView.as_view(), name="staff_list"),
    path("staff/new/", staff_views.StaffCreateView.as_view(), name="staff_create"),
    path("staff/<int:pk>/", staff_views.StaffEditView.as_view(), name="staff_edit"),
    path(
        "staff/<int:pk>/two-factor/reset/",
        staff_views.StaffTwoFactorResetView.as_view(),
        name="staff_two_factor_reset",
    ),
]
