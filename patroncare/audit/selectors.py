import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AuditAction, AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    who = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="icontains", label=_("Who (e-mail contains)")
    )
    action = django_filters.ChoiceFilter(
        choices=AuditAction.choices, label=_("Action"), empty_label=_("Any action")
    )
    record = django_filters.CharFilter(method="filter_record", label=_("Record (type or name contains)"))
    since = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ip_address = django_filters.CharFilter(
        field_name="ip_address", lookup_expr="exact", label=_("From address")
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def filter_record(self, queryset, name, value):
        return queryset.filter(Q(object_type__icontains=value) | Q(object_repr__icontains=value))


def audit_events_for(*, user, params) -> AuditEventFilter:
    """The filtered audit trail of the user's own library system (the view checks the role)."""
    queryset: QuerySet = AuditEvent.objects.filter(library_system_id=user.library_system_id).order_by(
        "-at", "-id"
    )
    return AuditEventFilter(params, queryset=queryset)
