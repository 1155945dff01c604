"""Administrators configure their library system: settings, branches, hours, locations, holidays, closures."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.accounts.permissions import can_configure_library
from patroncare.core.access import ActionMixin, PermissionRequiredMixin

from . import selectors, services
from .defaults import install_system_defaults
from .forms import (
    BranchForm,
    ClosureForm,
    HolidayForm,
    LibrarySystemForm,
    LocationForm,
    WeekFormSet,
    week_initial,
)
from .models import Branch, Holiday


class ConfigurationView(PermissionRequiredMixin, View):
    permission = can_configure_library


class SystemSettingsView(ConfigurationView):
    template_name = "libraries/system_form.html"

    def get(self, request):
        return render(
            request, self.template_name, {"form": LibrarySystemForm(instance=request.user.library_system)}
        )

    def post(self, request):
        system = request.user.library_system
        form = LibrarySystemForm(request.POST, instance=copy.copy(system))
        if form.is_valid():
            try:
                services.library_system_update(
                    actor=request.user,
                    system=system,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The library system settings were saved."))
                return redirect("libraries:system")
        return render(request, self.template_name, {"form": form}, status=400)


class SystemDefaultsView(ActionMixin, ConfigurationView):
    """Fills in the default exclusion limits, appeal rules and retention schedule a system is missing."""

    def post(self, request):
        install_system_defaults(system=request.user.library_system, actor=request.user)
        messages.success(
            request,
            _(
                "The defaults were filled in where nothing was set. Your own settings were not changed; "
                "review the defaults on the pages listed on your desk."
            ),
        )
        return redirect("libraries:system")


class BranchListView(ConfigurationView):
    def get(self, request):
        branches = selectors.branch_list_for_system(user=request.user)
        return render(request, "libraries/branch_list.html", {"branches": branches})


class BranchFormView(ConfigurationView):
    scoped_model = Branch
    template_name = "libraries/branch_form.html"

    def _forms(self, request, branch=None, data=None):
        form = BranchForm(
            data, instance=copy.copy(branch) if branch else None, system=request.user.library_system
        )
        week = WeekFormSet(data, prefix="hours", initial=week_initial(branch))
        return form, week

    def get(self, request, pk=None):
        branch = selectors.branch_get(user=request.user, pk=pk) if pk else None
        form, week = self._forms(request, branch)
        return render(request, self.template_name, {"form": form, "week": week, "branch": branch})

    def post(self, request, pk=None):
        branch = selectors.branch_get(user=request.user, pk=pk) if pk else None
        form, week = self._forms(request, branch, request.POST)
        if form.is_valid() and week.is_valid():
            try:
                branch = self._save(request, branch, form, week)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(branch)s was saved.") % {"branch": branch})
                return redirect("libraries:branch_detail", pk=branch.pk)
        return render(request, self.template_name, {"form": form, "week": week, "branch": branch}, status=400)

    def _save(self, request, branch, form, week):
        if branch is None:
            return services.branch_create(
                actor=request.user,
                system=request.user.library_system,
                hours=week.week(),
                **form.service_values(),
            )
        return services.branch_update(
            actor=request.user,
            branch=branch,
            hours=week.week(),
            expected_version=form.cleaned_data["version"],
            **form.service_values(),
        )


class BranchDetailView(ConfigurationView):
    scoped_model = Branch
    template_name = "libraries/branch_detail.html"

    def _render(self, request, branch, location_form=None, closure_form=None, status=200):
        context = {
            "branch": branch,
            "hours": branch.opening_hours.order_by("weekday"),
            "locations": branch.locations.order_by("-is_active", "name"),
            "closures": branch.closures.order_by("-start_date"),
            "location_form": location_form or LocationForm(branch=branch, prefix="location"),
            "closure_form": closure_form or ClosureForm(prefix="closure"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.branch_get(user=request.user, pk=pk))


class LocationCreateView(ActionMixin, BranchDetailView):
    def post(self, request, pk):
        branch = selectors.branch_get(user=request.user, pk=pk)
        form = LocationForm(request.POST, branch=branch, prefix="location")
        if not form.is_valid():
            return self._render(request, branch, location_form=form, status=400)
        services.location_create(
            actor=request.user,
            branch=branch,
            name=form.cleaned_data["name"],
            name_es=form.cleaned_data["name_es"],
            kind=form.cleaned_data["kind"],
        )
        messages.success(request, _("The location was added."))
        return redirect("libraries:branch_detail", pk=branch.pk)


class LocationEditView(ConfigurationView):
    scoped_model = Branch
    template_name = "libraries/location_form.html"

    def get(self, request, pk, location_pk):
        branch = selectors.branch_get(user=request.user, pk=pk)
        location = selectors.location_get(user=request.user, branch=branch, pk=location_pk)
        form = LocationForm(instance=location, branch=branch)
        return render(request, self.template_name, {"form": form, "branch": branch, "location": location})

    def post(self, request, pk, location_pk):
        branch = selectors.branch_get(user=request.user, pk=pk)
        location = selectors.location_get(user=request.user, branch=branch, pk=location_pk)
        form = LocationForm(request.POST, instance=copy.copy(location), branch=branch)
        if not form.is_valid():
            context = {"form": form, "branch": branch, "location": location}
            return render(request, self.template_name, context, status=400)
        values = dict(form.cleaned_data)
        try:
            services.location_update(
                actor=request.user, location=location, expected_version=values.pop("version"), **values
            )
        except ValidationError as error:
            form.add_error(None, error)
            context = {"form": form, "branch": branch, "location": location}
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("The location was saved."))
        return redirect("libraries:branch_detail", pk=branch.pk)


class ClosureCreateView(ActionMixin, BranchDetailView):
    def post(self, request, pk):
        branch = selectors.branch_get(user=request.user, pk=pk)
        form = ClosureForm(request.POST, prefix="closure")
        if not form.is_valid():
            return self._render(request, branch, closure_form=form, status=400)
        services.closure_create(actor=request.user, branch=branch, **form.cleaned_data)
        messages.success(request, _("The closure was added. Deadlines will skip these days."))
        return redirect("libraries:branch_detail", pk=branch.pk)


class ClosureDeleteView(ConfigurationView):
    scoped_model = Branch

    def post(self, request, pk, closure_pk):
        branch = selectors.branch_get(user=request.user, pk=pk)
        services.closure_delete(
            actor=request.user, closure=selectors.closure_get(user=request.user, branch=branch, pk=closure_pk)
        )
        messages.success(request, _("The closure was removed."))
        return redirect("libraries:branch_detail", pk=branch.pk)


class HolidayListView(ConfigurationView):
    template_name = "libraries/holiday_list.html"

    def _render(self, request, form, status=200):
        context = {"holidays": selectors.holiday_list(user=request.user), "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, HolidayForm(system=request.user.library_system))

    def post(self, request):
        form = HolidayForm(request.POST, system=request.user.library_system)
        if not form.is_valid():
            return self._render(request, form, status=400)
        services.holiday_create(actor=request.user, system=request.user.library_system, **form.cleaned_data)
        messages.success(request, _("The holiday was added."))
        return redirect("libraries:holidays")


class HolidayDeleteView(ConfigurationView):
    scoped_model = Holiday

    def post(self, request, pk):
        services.holiday_delete(actor=request.user, holiday=selectors.holiday_get(user=request.user, pk=pk))
        messages.success(request, _("The holiday was removed."))
        return redirect("libraries:holidays")
