"""Follow-up pages: add one from the incident's page, assign it, mark it done, and the supervisors' list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.incidents import events
from patroncare.libraries.calendar import today_in
from patroncare.libraries.selectors import branches_visible_to
from patroncare.referrals.selectors import categories as referral_needs

from .. import selectors, services
from ..forms import FollowUpAddForm, FollowUpAssignForm, FollowUpCompleteForm
from ..models import FollowUp
from ..permissions import (
    FOLLOW_UP_ROLES,
    can_add_follow_up,
    can_assign_follow_up,
    can_complete_follow_up,
    can_list_follow_ups,
    can_list_incidents,
    can_manage_retention,
)
from ..selectors import FollowUpState
from .incidents import IncidentDetailView, SystemTimeMixin

PAGE_SIZE = 50


class FollowUpAddView(IncidentDetailView):
    """POST from the incident's page. A refused or wrong entry re-renders that page with what was typed."""

    def get(self, request, pk):
        return redirect("incidents:detail", pk=pk)

    def post(self, request, pk):
        incident = selectors.incident_get_for(user=request.user, pk=pk)
        if not can_add_follow_up(request.user, incident):
            raise PermissionDenied
        form = FollowUpAddForm(request.POST, staff=selectors.assignable_staff(incident=incident))
        if form.is_valid():
            try:
                services.follow_up_add(
                    actor=request.user,
                    incident=incident,
                    description=form.cleaned_data["description"],
                    assignee=form.cleaned_data["assignee"],
                    due_on=form.cleaned_data["due_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The follow-up was added."))
                return redirect("incidents:detail", pk=pk)
        return self._render(request, incident, follow_up_form=form, status=400)


class FollowUpView(SystemTimeMixin, PermissionRequiredMixin, View):
    """One follow-up: for its assignee, the incident's reporter, and supervisors/administrators there."""

    permission = can_list_incidents
    scoped_model = FollowUp
    scoped_system_field = "incident__system"

    def get(self, request, pk):
        follow_up = selectors.follow_up_get_for(user=request.user, pk=pk)
        events.follow_up_viewed(actor=request.user, follow_up=follow_up)
        return self._render(request, follow_up)

    def _render(self, request, follow_up, assign_form=None, complete_form=None, status=200):
        user = request.user
        incident = follow_up.incident
        done = follow_up.done_at is not None
        can_assign = not done and can_assign_follow_up(user, follow_up)
        can_complete = not done and can_complete_follow_up(user, follow_up)
        version = {"version": follow_up.version}
        if can_assign and assign_form is None:
            assign_form = FollowUpAssignForm(
                staff=selectors.assignable_staff(incident=incident),
                initial={**version, "assignee": follow_up.assignee_id, "due_on": follow_up.due_on},
            )
        if can_complete and complete_form is None:
            complete_form = FollowUpCompleteForm(initial=version, needs=referral_needs(user=user))
        context = {
            "follow_up": follow_up,
            "incident": incident,
            "overdue": follow_up.is_overdue(today_in(user.library_system)),
            "can_read_incident": follow_up.incident_readable,
            # A form refused because a colleague acted first stays on the page, with what was typed and why.
            "assign_form": assign_form if can_assign or (assign_form and assign_form.errors) else None,
            "complete_form": complete_form
            if can_complete or (complete_form and complete_form.errors)
            else None,
        }
        return render(request, "incidents/follow_up_detail.html", context, status=status)


class FollowUpActionView(FollowUpView):
    """A form posted from the follow-up's page; a refusal or a stale version stays on the page with it."""

    def get(self, request, pk):
        return redirect("incidents:follow_up", pk=pk)

    def _submit(self, request, pk, *, allowed, form, form_name: str, perform, success: str):
        follow_up = selectors.follow_up_get_for(user=request.user, pk=pk)
        if not allowed(request.user, follow_up):
            raise PermissionDenied
        form = form(follow_up)
        if form.is_valid():
            try:
                perform(follow_up, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, success)
                return redirect("incidents:follow_up", pk=pk)
        follow_up = selectors.follow_up_get_for(user=request.user, pk=pk)
        return self._render(request, follow_up, status=400, **{form_name: form})


class FollowUpAssignView(FollowUpActionView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            allowed=can_assign_follow_up,
            form=lambda follow_up: FollowUpAssignForm(
                request.POST, staff=selectors.assignable_staff(incident=follow_up.incident)
            ),
            form_name="assign_form",
            perform=lambda follow_up, data: services.follow_up_assign(
                actor=request.user,
                follow_up=follow_up,
                assignee=data["assignee"],
                due_on=data["due_on"],
                expected_version=data["version"],
            ),
            success=_("The follow-up was saved."),
        )


class FollowUpCompleteView(FollowUpActionView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            allowed=can_complete_follow_up,
            form=lambda follow_up: FollowUpCompleteForm(
                request.POST, needs=referral_needs(user=request.user)
            ),
            form_name="complete_form",
            perform=lambda follow_up, data: services.follow_up_complete(
                actor=request.user,
                follow_up=follow_up,
                note=data["note"],
                expected_version=data["version"],
                referral_need=data.get("referral_need"),
            ),
            success=_("The follow-up is marked done. Thank you."),
        )


class FollowUpListView(SystemTimeMixin, PermissionRequiredMixin, View):
    """Follow-ups of the branches the user supervises, by branch, assignee and state."""

    permission = can_list_follow_ups

    def get(self, request):
        branches = branches_visible_to(user=request.user, roles=FOLLOW_UP_ROLES).order_by("name")
        staff = selectors.follow_up_assignee_choices(user=request.user)
        branch_id = request.GET.get("branch", "")
        assignee_id = request.GET.get("assignee", "")
        state = request.GET.get("state", FollowUpState.OPEN)
        branch_id = branch_id if branch_id.isdigit() else ""
        assignee_id = assignee_id if assignee_id.isdigit() or assignee_id == "none" else ""
        state = state if state in FollowUpState.ALL else FollowUpState.OPEN
        follow_ups = selectors.follow_ups_supervised(
            user=request.user, branch_id=branch_id or None, assignee_id=assignee_id or None, state=state
        )
        page = Paginator(follow_ups, PAGE_SIZE).get_page(request.GET.get("page"))
        events.follow_up_list_viewed(actor=request.user)
        today = today_in(request.user.library_system)
        query = "&".join(
            f"{key}={value}"
            for key, value in (("branch", branch_id), ("assignee", assignee_id), ("state", state))
            if value
        )
        context = {
            "page": page,
            "rows": [(f, f.is_overdue(today)) for f in page.object_list],
            "branches": branches,
            "staff": staff,
            "filters": {"branch": branch_id, "assignee": assignee_id, "state": state},
            "states": [
                (FollowUpState.OPEN, _("Open")),
                (FollowUpState.OVERDUE, _("Overdue")),
                (FollowUpState.DONE, _("Done")),
            ],
            "query": query,
            "can_patterns": True,
            "can_retention": can_manage_retention(request.user),
        }
        return render(request, "incidents/follow_up_list.html", context)
