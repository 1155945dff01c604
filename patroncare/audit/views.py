from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from patroncare.accounts.permissions import can_view_audit_trail
from patroncare.core.access import PermissionRequiredMixin

from .selectors import audit_events_for


class AuditTrailView(PermissionRequiredMixin, View):
    """Read-only: the application offers no way to change or remove an event."""

    permission = can_view_audit_trail

    def get(self, request):
        filtered = audit_events_for(user=request.user, params=request.GET)
        events = filtered.qs.select_related("actor") if filtered.is_valid() else filtered.queryset.none()
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"filter": filtered, "page": page, "query": query.urlencode()}
        return render(request, "audit/event_list.html", context)
