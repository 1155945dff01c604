"""The exceptions log at the desk, supervisors' approvals, and the consistency pages."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.decisions import already_decided_message
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in
from patroncare.policies import events

from .. import consistency, permissions, selectors, services
from ..forms import DecisionForm, ExceptionForm
from ..models import EntryKind, EntryStatus, ExceptionEntry, Flexibility, Policy
from .library import PAGE_SIZE

CONSISTENCY_WINDOW_DAYS = 365


class ExceptionListView(PermissionRequiredMixin, View):
    permission = permissions.can_view_exception_log

    def get(self, request):
        status = request.GET.get("status", "")
        entries = selectors.exception_list_visible_to(
            user=request.user,
            status=status if status in EntryStatus.values else "",
            policy_id=request.GET.get("policy") if (request.GET.get("policy") or "").isdigit() else None,
        )
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "policies/exception_list.html",
            {
                "page": page,
                "query": query.urlencode(),
                "statuses": EntryStatus.choices,
                "status": status,
                "awaiting": selectors.exceptions_awaiting(user=request.user)[:50],
                "nav_current": "policies",
            },
        )


class ExceptionCreateView(PermissionRequiredMixin, View):
    permission = permissions.can_record_exception
    template_name = "policies/exception_form.html"

    def _form(self, request, data=None, initial=None):
        return ExceptionForm(
            data,
            initial=initial,
            branches=selectors.recording_branches(user=request.user),
            policies=selectors.policy_choices(user=request.user),
            today=today_in(request.user.library_system),
        )

    def _render(self, request, form, policy=None, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "policy": policy,
                "nav_current": "policies",
                "fixed_refused": form.is_bound
                and policy is not None
                and policy.flexibility == Flexibility.FIXED
                and form.data.get("kind") == EntryKind.EXCEPTION,
            },
            status=status,
        )

    def get(self, request):
        policy = None
        if (policy_id := request.GET.get("policy", "")).isdigit():
            policy = selectors.policy_choices(user=request.user).filter(pk=policy_id).first()
        initial = {"policy": policy.pk} if policy else None
        return self._render(request, self._form(request, initial=initial), policy)

    def post(self, request):
        form = self._form(request, request.POST)
        policy = None
        if form.is_valid():
            policy = form.cleaned_data["policy"]
            values = {
                name: form.cleaned_data[name]
                for name in [
                    "branch",
                    "policy",
                    "kind",
                    "asked",
                    "granted",
                    "reason",
                    "told_patron",
                    "occurred_on",
                ]
            }
            try:
                entry = services.exception_record(actor=request.user, **values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if entry.status == EntryStatus.PENDING:
                    messages.success(
                        request,
                        _("Logged. A supervisor of %(branch)s will be asked to approve it.")
                        % {"branch": entry.branch.name},
                    )
                else:
                    messages.success(request, _("Logged. Thank you."))
                return redirect("policies:exception_detail", pk=entry.pk)
        elif (policy_id := request.POST.get("policy", "")).isdigit():
            policy = selectors.policy_choices(user=request.user).filter(pk=policy_id).first()
        return self._render(request, form, policy, status=400)


class ExceptionDetailView(PermissionRequiredMixin, View):
    permission = permissions.can_view_exception_log
    scoped_model = ExceptionEntry
    template_name = "policies/exception_detail.html"

    def _render(self, request, entry, form=None, status=200):
        can_decide = permissions.can_decide_exception(request.user, entry)
        return render(
            request,
            self.template_name,
            {
                "entry": entry,
                "can_decide": can_decide,
                "form": form or (DecisionForm() if can_decide else None),
                "nav_current": "policies",
            },
            status=status,
        )

    def get(self, request, pk):
        entry = selectors.exception_get(user=request.user, pk=pk)
        events.exception_viewed(actor=request.user, entry=entry)
        return self._render(request, entry)


class ExceptionDecideView(ActionMixin, ExceptionDetailView):
    def post(self, request, pk):
        entry = selectors.exception_get(user=request.user, pk=pk)
        if entry.decided_at is not None:
            messages.error(request, already_decided_message(entry))
            return redirect("policies:exception_detail", pk=entry.pk)
        if not permissions.can_decide_exception(request.user, entry):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            try:
                services.exception_decide(
                    actor=request.user, entry=entry, approve=approve, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and "decision_note" in error.error_dict:
                    form.add_error("note", error.error_dict["decision_note"])
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Approved.") if approve else _("Declined."))
                return redirect("policies:exception_detail", pk=entry.pk)
        return self._render(request, entry, form, status=400)


class ConsistencyView(PermissionRequiredMixin, View):
    permission = permissions.can_view_consistency

    def get(self, request):
        since = today_in(request.user.library_system) - timedelta(days=CONSISTENCY_WINDOW_DAYS)
        return render(
            request,
            "policies/consistency.html",
            {
                "rows": selectors.consistency_overview(user=request.user, since=since),
                "since": since,
                "min_count": consistency.MIN_COUNT,
                "threshold": consistency.Z_THRESHOLD,
                "nav_current": "policies",
            },
        )


class PolicyConsistencyView(PermissionRequiredMixin, View):
    permission = permissions.can_view_consistency
    scoped_model = Policy

    def get(self, request, pk):
        policy = selectors.policy_get(user=request.user, pk=pk)
        since = today_in(request.user.library_system) - timedelta(days=CONSISTENCY_WINDOW_DAYS)
        return render(
            request,
            "policies/policy_consistency.html",
            {
                "policy": policy,
                "since": since,
                **selectors.consistency_for(user=request.user, policy=policy, since=since),
                "min_count": consistency.MIN_COUNT,
                "threshold": consistency.Z_THRESHOLD,
                "nav_current": "policies",
            },
        )
