from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI draws its icons as data: images; this page alone allows them (still nothing from elsewhere).
    path(
        "reference/",
        csp_update({"img-src": ["'self'", "data:"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/reference.html")
        ),
        name="reference",
    ),
    path("complaints/", views.ComplaintListView.as_view(), name="complaints"),
    path("complaints/<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint"),
    path("complaints/<int:pk>/notes/", views.ComplaintNoteView.as_view(), name="complaint_note"),
    path("complaints/<int:pk>/messages/", views.ComplaintMessageView.as_view(), name="complaint_message"),
    path("complaints/<int:pk>/triage/", views.ComplaintTriageView.as_view(), name="complaint_triage"),
    path("incidents/", views.IncidentListView.as_view(), name="incidents"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident"),
    path("exclusions/board/", views.BoardView.as_view(), name="board"),
    path("exclusions/", views.ExclusionListView.as_view(), name="exclusions"),
    path("exclusions/<int:pk>/", views.ExclusionDetailView.as_view(), name="exclusion"),
    path("rules/", views.RuleListView.as_view(), name="rules"),
    path("rules/<int:pk>/", views.RuleDetailView.as_view(), name="rule"),
    path("ladder/", views.LadderView.as_view(), name="ladder"),
    path("policies/", views.PolicyListView.as_view(), name="policies"),
    path("policies/<int:pk>/", views.PolicyDetailView.as_view(), name="policy"),
    path("referrals/resources/", views.ResourceListView.as_view(), name="resources"),
    path("referrals/resources/<int:pk>/", views.ResourceDetailView.as_view(), name="resource"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    # Any other address under the API answers 404 as problem details, never the HTML page.
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
