"""Acknowledging an alert ("I've seen this, I'm on it"), and the escalation time administrators set."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import AlertSettingsForm
from ..models import Incident
from ..permissions import can_manage_alert_settings
from .incidents import IncidentView


class AlertAcknowledgeView(IncidentView):
    scoped_model = Incident

    def get(self, request, pk):
        return redirect("incidents:detail", pk=pk)

    def post(self, request, pk):
        incident = selectors.incident_get_for(user=request.user, pk=pk)
        try:
            services.alert_acknowledge(actor=request.user, incident=incident)
        except ValidationError as error:
            # Only someone alerted sees the button; anyone else posting here learns nothing more.
            raise Http404 from error
        messages.success(request, _("Thank you: the others alerted can see that you are on it."))
        return redirect("incidents:detail", pk=pk)


class AlertSettingsView(IncidentView):
    permission = can_manage_alert_settings

    def _render(self, request, form, status=200):
        context = {"form": form, "can_patterns": True, "can_retention": True}
        return render(request, "incidents/alert_settings.html", context, status=status)

    def get(self, request):
        alert_settings = selectors.alert_settings_for(user=request.user)
        form = AlertSettingsForm(
            instance=alert_settings, initial={"version": alert_settings.version if alert_settings.pk else 0}
        )
        return self._render(request, form)

    def post(self, request):
        form = AlertSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.alert_settings_update(
                    actor=request.user,
                    system=request.user.library_system,
                    escalate_after_minutes=form.cleaned_data["escalate_after_minutes"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The alert settings were saved."))
                return redirect("incidents:alert_settings")
        return self._render(request, form, status=400)
