"""The policy library: list, detail, versions, editing, acknowledgements."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.forms import add_service_errors

from .. import permissions, selectors, services
from ..forms import PolicyFilterForm, PolicyForm, PolicyRulesForm
from ..models import FLEXIBILITY_EXPLAINED, Flexibility, Policy

PAGE_SIZE = 25


class PolicyView(PermissionRequiredMixin, View):
    permission = permissions.can_read_policies
    scoped_model = Policy


class PolicyListView(PolicyView):
    def get(self, request):
        filters = PolicyFilterForm(request.GET)
        values = filters.cleaned_data if filters.is_valid() else {}
        policies = selectors.policy_list(
            user=request.user,
            area=values.get("area", ""),
            flexibility=values.get("flexibility", ""),
            query=values.get("q", ""),
            retired=request.GET.get("retired") == "1",
        )
        page = Paginator(policies, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        scale = [(choice, FLEXIBILITY_EXPLAINED[choice]) for choice in Flexibility]
        return render(
            request,
            "policies/policy_list.html",
            {
                "filters": filters,
                "page": page,
                "query": query.urlencode(),
                "scale": scale,
                "can_edit": permissions.can_edit_policies(request.user),
                "nav_current": "policies",
            },
        )


class PolicyDetailView(PolicyView):
    def get(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        user = request.user
        return render(
            request,
            "policies/policy_detail.html",
            {
                "policy": policy,
                "versions": selectors.policy_versions(policy=policy),
                "rules": policy.rules.select_related("behaviour_class").order_by("code"),
                "rules_form": (
                    PolicyRulesForm(
                        rules=selectors.rules_for_linking(user=user),
                        initial={"rules": [rule.pk for rule in policy.rules.all()]},
                    )
                    if permissions.can_edit_policies(user)
                    else None
                ),
                "reviews": policy.reviews.order_by("-opened_at")[:5],
                "can_edit": permissions.can_edit_policies(user),
                "can_acknowledge": permissions.can_acknowledge(user),
                "can_review": permissions.can_review_policies(user),
                "can_manage": permissions.can_view_consistency(user),
                "can_record": permissions.can_record_exception(user) and policy.allows_exception,
                "nav_current": "policies",
            },
        )


class PolicyVersionView(PolicyView):
    def get(self, request, pk, number):
        policy = selectors.policy_get(user=request.user, pk=pk)
        version = selectors.policy_version_get(policy=policy, number=number)
        return render(
            request,
            "policies/policy_version.html",
            {"policy": policy, "version": version, "nav_current": "policies"},
        )


class PolicyFormView(PolicyView):
    permission = permissions.can_edit_policies
    template_name = "policies/policy_form.html"

    def get(self, request, pk=None):
        policy = selectors.policy_get(user=request.user, pk=pk) if pk else None
        form = PolicyForm(instance=policy, system=request.user.library_system)
        return render(
            request, self.template_name, {"form": form, "policy": policy, "nav_current": "policies"}
        )

    def post(self, request, pk=None):
        policy = selectors.policy_get(user=request.user, pk=pk) if pk else None
        form = PolicyForm(
            request.POST, instance=copy.copy(policy) if policy else None, system=request.user.library_system
        )
        if form.is_valid():
            try:
                if policy is None:
                    policy = services.policy_create(
                        actor=request.user, system=request.user.library_system, **form.service_values()
                    )
                else:
                    services.policy_update(
                        actor=request.user,
                        policy=policy,
                        expected_version=form.cleaned_data["version"],
                        change_summary=form.cleaned_data["change_summary"],
                        **form.service_values(),
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("“%(policy)s” was saved.") % {"policy": policy.title})
                return redirect("policies:detail", pk=policy.pk)
        return render(
            request,
            self.template_name,
            {"form": form, "policy": policy, "nav_current": "policies"},
            status=400,
        )


class AcknowledgeView(PolicyView):
    permission = permissions.can_acknowledge

    def post(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        services.policy_acknowledge(user=request.user, policy=policy)
        messages.success(
            request,
            _("Thank you: you have acknowledged version %(number)s.") % {"number": policy.current_number},
        )
        return redirect("policies:detail", pk=policy.pk)


class AcknowledgementStatusView(PolicyView):
    permission = permissions.can_view_acknowledgements

    def get(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        rows = selectors.acknowledgement_status(user=request.user, policy=policy)
        missing = [member for member, when in rows if when is None]
        return render(
            request,
            "policies/acknowledgements.html",
            {"policy": policy, "rows": rows, "missing": missing, "nav_current": "policies"},
        )


class ReviewStartView(PolicyView):
    permission = permissions.can_review_policies

    def post(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        review = services.policy_review_start(
            actor=request.user, policy=policy, reason=request.POST.get("reason", "")[:300]
        )
        return redirect("policies:review_detail", pk=review.pk)


class PolicyRulesView(PolicyView):
    permission = permissions.can_edit_policies

    def post(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        form = PolicyRulesForm(request.POST, rules=selectors.rules_for_linking(user=request.user))
        if form.is_valid():
            services.policy_rules_set(actor=request.user, policy=policy, rules=form.cleaned_data["rules"])
            messages.success(request, _("The linked rules of conduct were saved."))
        else:
            messages.error(request, _("Choose rules of conduct of this library system."))
        return redirect("policies:detail", pk=policy.pk)
