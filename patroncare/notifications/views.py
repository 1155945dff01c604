from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
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


class NotificationListView(LoginRequiredMixin, View):
    """What waits for the person: unread first in the header's count, everything of the last hundred here."""

    def get(self, request):
        unread_only = request.GET.get("show") == "unread"
        rows = list(selectors.notifications_of(user=request.user, unread_only=unread_only))
        context = {
            "notifications": rows,
            "unread_only": unread_only,
            "unread": sum(1 for row in rows if row.unread) if not unread_only else len(rows),
        }
        return render(request, "notifications/list.html", context)


class MarkReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            services.notification_mark_read(user=request.user, notification_id=pk)
        except ValidationError as error:
            raise Http404 from error
        return redirect("notifications:list")


class MarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notifications_mark_all_read(user=request.user)
        messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
        return redirect("notifications:list")
