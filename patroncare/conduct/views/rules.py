"""Rules of conduct and the appeal rules: read by staff, edited by administrators."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.core.forms import add_service_errors
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.models import Rule

from ..forms import (
    AppealSettingsForm,
    RuleForm,
)
from ..permissions import (
    can_configure_conduct,
    can_read_rules,
)
from ._base import ConductView


class RuleListView(ConductView):
    permission = can_read_rules

    def get(self, request):
        return render(
            request,
            "conduct/rule_list.html",
            {
                "rules": rulebook_selectors.rules_of(user=request.user),
                "can_edit": can_configure_conduct(request.user),
            },
        )


class RuleFormView(ConductView):
    permission = can_configure_conduct
    scoped_model = Rule

    def get(self, request, pk=None):
        rule = rulebook_selectors.rule_get(user=request.user, pk=pk) if pk else None
        form = RuleForm(instance=copy.copy(rule) if rule else None, system=request.user.library_system)
        return render(request, "conduct/rule_form.html", {"form": form, "rule": rule})

    def post(self, request, pk=None):
        rule = rulebook_selectors.rule_get(user=request.user, pk=pk) if pk else None
        form = RuleForm(
            request.POST, instance=copy.copy(rule) if rule else None, system=request.user.library_system
        )
        if form.is_valid():
            try:
                if rule is None:
                    rulebook_services.rule_create(
                        actor=request.user, system=request.user.library_system, **form.service_values()
                    )
                else:
                    rulebook_services.rule_update(
                        actor=request.user,
                        rule=rule,
                        expected_version=form.cleaned_data["version"],
                        change_note=form.cleaned_data["change_note"],
                        **form.service_values(),
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The rule was saved."))
                return redirect("conduct:rules")
        return render(request, "conduct/rule_form.html", {"form": form, "rule": rule}, status=400)


# Ladder, limits and appeal rules


class AppealSettingsView(ConductView):
    permission = can_configure_conduct

    def get(self, request):
        settings = rulebook_services.appeal_settings_to_edit(request.user.library_system)
        return render(
            request,
            "conduct/appeal_settings.html",
            {"form": AppealSettingsForm(instance=copy.copy(settings))},
        )

    def post(self, request):
        settings = rulebook_services.appeal_settings_to_edit(request.user.library_system)
        form = AppealSettingsForm(request.POST, instance=copy.copy(settings))
        if form.is_valid():
            try:
                rulebook_services.appeal_settings_update(
                    actor=request.user,
                    settings=settings,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The appeal rules were saved."))
                return redirect("conduct:appeal_settings")
        return render(request, "conduct/appeal_settings.html", {"form": form}, status=400)


# Exclusions
