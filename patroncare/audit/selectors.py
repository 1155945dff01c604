from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from patroncare.libraries.models import LibrarySystem

from .models import AuditAction, AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    who = django_filters.ModelChoiceFilter(
        field_name="actor", queryset=get_user_model().objects.none(), label=_("Who"), empty_label=_("Anyone")
    )
    attempted = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="iexact", label=_("E-mail tried at sign-in")
    )
    action = django_filters.ChoiceFilter(
        choices=AuditAction.choices, label=_("Action"), empty_label=_("Any action")
    )
    record = django_filters.CharFilter(
        method="filter_record",
        label=_("Record (type, or its number)"),
        help_text=_("A record type such as “complaint”, or a record's number. Names are not searchable."),
    )
    since = django_filters.DateFilter(
        method="filter_since", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        method="filter_until", label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ip_address = django_filters.CharFilter(
        field_name="ip_address", lookup_expr="exact", label=_("From address")
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, *args, system: LibrarySystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.system = system
        self.filters["who"].queryset = (
            get_user_model().objects.filter(library_system=system).order_by("full_name")
        )

    def filter_record(self, queryset, name, value):
        value = value.strip().lstrip("#")
        if value.isdigit():
            return queryset.filter(object_id=value)
        return queryset.filter(Q(object_type__icontains=value) | Q(object_type__in=_types_named(value)))

    # Days are the library system's days; comparing `at` with moments keeps the (system, at) index usable.
    def filter_since(self, queryset, name, value):
        return queryset.filter(at__gte=self._start_of(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(at__lt=self._start_of(value + timedelta(days=1)))

    def _start_of(self, day):
        return datetime.combine(day, time.min, tzinfo=self.system.zone)


def _types_named(value: str) -> list[str]:
    """Record types whose name, in the reader's language, contains the value ("queja" finds complaints)."""
    value = value.lower()
    return [
        model._meta.label_lower
        for model in apps.get_models()
        if value in str(model._meta.verbose_name).lower()
    ]


def audit_events_for(*, user, params) -> AuditEventFilter:
    """The filtered audit trail of the user's own library system (the view checks the role)."""
    queryset: QuerySet = AuditEvent.objects.filter(library_system_id=user.library_system_id).order_by("-at")
    return AuditEventFilter(params, queryset=queryset, system=user.library_system)
