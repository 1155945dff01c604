from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.FindHelpView.as_view(), name="find"),
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("directory/new/", views.ResourceEditView.as_view(), name="create"),
    path("directory/install-needs/", views.InstallNeedsView.as_view(), name="install_needs"),
    path("directory/settings/", views.SettingsView.as_view(), name="settings"),
    path("directory/hsds.zip", views.ExportView.as_view(), name="export"),
    path("directory/import/", views.ImportView.as_view(), name="import"),
    path("<int:pk>/", views.ResourceView.as_view(), name="resource"),
    path("<int:pk>/slip.pdf", views.SlipView.as_view(), name="slip"),
    path("<int:pk>/referred/", views.RecordReferralView.as_view(), name="record"),
    path("<int:pk>/verify/", views.VerifyView.as_view(), name="verify"),
    path("<int:pk>/edit/", views.ResourceEditView.as_view(), name="edit"),
]
