"""Administrators configure complaints for their library system: deadlines, patterns, categories."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin

from .. import forms, permissions, selectors, services
from ..models import Severity
from ..services.deadlines import rule_for

CATEGORY_FIELDS = ("key", "name", "name_es", "position", "is_active", "restricts", "concerns_safety")


class ConfigurationView(PermissionRequiredMixin, View):
    permission = permissions.can_configure
    template_name = "complaints/settings.html"

    def rule_forms(self, request, data=None):
        system = request.user.library_system
        built = []
        versions = selectors.severity_rule_versions(system)
        for value, label in Severity.choices:
            rule = rule_for(system=system, severity=value)
            initial = {
                "acknowledge_days": rule.acknowledge_days,
                "respond_days": rule.respond_days,
                "review_acknowledge_days": rule.review_acknowledge_days,
                "review_respond_days": rule.review_respond_days,
                "owner_rule": rule.owner_rule,
                "version": versions.get(value, 0),
            }
            built.append((value, label, forms.SeverityRuleForm(data, prefix=value, initial=initial)))
        return built

    def render_page(self, request, rules=None, patterns=None, status=200):
        system = request.user.library_system
        config = selectors.settings_for(system)
        context = {
            "rules": rules or self.rule_forms(request),
            "patterns": patterns
            or forms.PatternSettingsForm(
                initial={
                    "pattern_window_days": config.pattern_window_days,
                    "pattern_threshold": config.pattern_threshold,
                    "board_review": config.board_review,
                    "version": config.version if config.pk else 0,
                }
            ),
            "categories": selectors.categories_for(system=system, active_only=False),
            "reply_templates": selectors.reply_templates_for(system=system, active_only=False),
            "nav_current": "complaints",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request)


class DeadlinesView(ActionMixin, ConfigurationView):
    def post(self, request):
        rules = self.rule_forms(request, request.POST)
        if all(form.is_valid() for _value, _label, form in rules):
            try:
                self._save(request, rules)
            except ValidationError as error:
                rules[0][2].add_error(None, error)
                return self.render_page(request, rules=rules, status=400)
            messages.success(request, _("The deadlines were saved. They apply to cases triaged from now on."))
            return redirect("complaints:settings")
        return self.render_page(request, rules=rules, status=400)

    @transaction.atomic
    def _save(self, request, rules):
        # All four severities or none: a refused one leaves the others as they were too.
        for value, _label, form in rules:
            values = dict(form.cleaned_data)
            services.severity_rule_save(
                actor=request.user,
                system=request.user.library_system,
                severity=value,
                expected_version=values.pop("version"),
                **values,
            )


class PatternSettingsView(ActionMixin, ConfigurationView):
    def post(self, request):
        form = forms.PatternSettingsForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                services.settings_save(
                    actor=request.user,
                    system=request.user.library_system,
                    expected_version=values.pop("version"),
                    **values,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The pattern thresholds were saved."))
                return redirect("complaints:settings")
        return self.render_page(request, patterns=form, status=400)


class CategoryFormView(ConfigurationView):
    template_name = "complaints/category_form.html"

    def _category(self, request, pk):
        if pk is None:
            return None
        return selectors.category_get(user=request.user, pk=pk)

    def get(self, request, pk=None):
        category = self._category(request, pk)
        initial = (
            {f: getattr(category, "name_en" if f == "name" else f) for f in CATEGORY_FIELDS}
            | {"version": category.version}
            if category
            else None
        )
        return render(
            request, self.template_name, {"form": forms.CategoryForm(initial=initial), "category": category}
        )

    def post(self, request, pk=None):
        category = self._category(request, pk)
        form = forms.CategoryForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                services.category_save(
                    actor=request.user,
                    system=request.user.library_system,
                    category=category,
                    expected_version=values.pop("version"),
                    **values,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The category was saved."))
                return redirect("complaints:settings")
        return render(request, self.template_name, {"form": form, "category": category}, status=400)
