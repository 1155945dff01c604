from django.urls import include, path

handler500 = "patroncare.core.errors.server_error"
handler403 = "patroncare.core.errors.permission_denied"

# Uploaded files have no URL of their own (not even with DEBUG on): each kind is given out by a view that
# checks the reader first (patroncare.core.files.serve_upload).
urlpatterns = [
    path("", include("patroncare.core.urls")),
    path("", include("patroncare.accounts.urls")),
    path("", include("patroncare.notifications.urls")),
    path("settings/", include("patroncare.libraries.urls")),
    path("audit/", include("patroncare.audit.urls")),
    path("retention/", include("patroncare.retention.urls")),
    path("sso/", include("patroncare.sso.urls")),
    path("complaints/", include("patroncare.complaints.urls")),
    path("feedback/", include("patroncare.complaints.public_urls")),
    path("notices/figures/", include("patroncare.reports.public_urls")),
    path("notices/", include("patroncare.complaints.notices_urls")),
    path("practice/", include("patroncare.training.urls")),
    path("policies/", include("patroncare.policies.urls")),
    path("guidance/", include("patroncare.guidance.urls")),
    path("incidents/", include("patroncare.incidents.urls")),
    path("conduct/", include("patroncare.conduct.urls")),
    path("patrons/", include("patroncare.patrons.urls")),
    path("help/", include("patroncare.referrals.urls")),
    path("reports/", include("patroncare.reports.urls")),
    path("surveys/", include("patroncare.surveys.urls")),
    path("settings/imports/", include("patroncare.imports.urls")),
    path("api/v1/", include("patroncare.api.urls")),
    path("account/api-tokens/", include("patroncare.api.token_urls")),
    path("mail/", include("patroncare.mailbox.urls")),
]
