from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from patroncare.accounts.permissions import can_view_audit_trail
from patroncare.core.access import PermissionRequiredMixin

from .events import RECORD_VIEWED, TRAIL_VIEWED, EventType
from .models import AuditEvent
from .rendering import render_events
from .selectors import audit_events_for
from .services import audit_event


def record_read(request, obj, event: EventType = RECORD_VIEWED, **params) -> AuditEvent:
    """The one call a view makes when it shows a sensitive record (a patron's identity, a complaint...)."""
    return audit_event(event, actor=request.user, obj=obj, params=params)


class AuditTrailView(PermissionRequiredMixin, View):
    """Read-only: the application offers no way to change or remove an event."""

    permission = can_view_audit_trail

    def get(self, request):
        filtered = audit_events_for(user=request.user, params=request.GET)
        events = filtered.qs.select_related("actor") if filtered.is_valid() else filtered.queryset.none()
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        rows = render_events(page)
        audit_event(TRAIL_VIEWED, actor=request.user)
        context = {"filter": filtered, "page": page, "rows": rows, "query": query.urlencode()}
        return render(request, "audit/event_list.html", context)
