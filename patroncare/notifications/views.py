from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from . import selectors, services
from .forms import PreferencesForm


class PreferencesView(LoginRequiredMixin, View):
    template_name = "notifications/preferences.html"

    def _render(self, request, form, status=200):
        context = {"form": form, "digests_available": selectors.digests_available(), "nav_current": "account"}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, PreferencesForm(preferences=selectors.preferences_of(user=request.user)))

    def post(self, request):
        form = PreferencesForm(request.POST, preferences=selectors.preferences_of(user=request.user))
        if not form.is_valid():
            return self._render(request, form, status=400)
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your choices were saved."))
        return redirect("notifications:preferences")
