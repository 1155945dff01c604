"""Policy reviews with the inclusivity checklist, and the Yes-O-Meter."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.decisions import already_decided_message
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in
from patroncare.libraries.selectors import branches_visible_to

from .. import permissions, selectors, services
from ..forms import ChecklistForm, RatingForm, ReviewCompleteForm
from ..models import PolicyReview, ReviewStatus


class ReviewListView(PermissionRequiredMixin, View):
    permission = permissions.can_view_reviews

    def get(self, request):
        today = today_in(request.user.library_system)
        return render(
            request,
            "policies/review_list.html",
            {
                "reviews": selectors.review_list(user=request.user)[:100],
                "due": selectors.reviews_due(user=request.user, today=today),
                "today": today,
                "can_review": permissions.can_review_policies(request.user),
                "nav_current": "policies",
            },
        )


class ReviewDetailView(PermissionRequiredMixin, View):
    permission = permissions.can_view_reviews
    scoped_model = PolicyReview
    scoped_system_field = "policy__system"
    template_name = "policies/review_detail.html"

    def _render(self, request, review, form=None, status=200):
        # A review a colleague ended while this one was being written still shows what was typed, refused.
        refused = form is not None and form.errors and review.status != ReviewStatus.OPEN
        editable = permissions.can_review_policies(request.user) and (
            review.status == ReviewStatus.OPEN or refused
        )
        if editable and form is None:
            form = ReviewCompleteForm(review=review)
        return render(
            request,
            self.template_name,
            {"review": review, "form": form, "editable": editable, "nav_current": "policies"},
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, selectors.review_get(user=request.user, pk=pk))

    def post(self, request, pk):
        review = selectors.review_get(user=request.user, pk=pk)
        if not permissions.can_review_policies(request.user):
            raise PermissionDenied
        if review.status != ReviewStatus.OPEN:
            form = ReviewCompleteForm(request.POST, review=review)
            form.is_valid()
            form.add_error(None, already_decided_message(review))
            return self._render(request, review, form, status=409)
        finishing = request.POST.get("action") == "complete"
        form = (
            ReviewCompleteForm(request.POST, review=review)
            if finishing
            else ChecklistForm(request.POST, review=review)
        )
        if form.is_valid():
            try:
                if finishing:
                    services.policy_review_complete(
                        actor=request.user,
                        review=copy.copy(review),
                        expected_version=form.cleaned_data["version"],
                        answers=form.answers(),
                        outcome=form.cleaned_data["outcome"],
                        outcome_note=form.cleaned_data["outcome_note"],
                        body=form.cleaned_data["body"],
                        flexibility=form.cleaned_data["flexibility"],
                        change_summary=form.cleaned_data["change_summary"],
                    )
                else:
                    services.policy_review_save_checklist(
                        actor=request.user,
                        review=copy.copy(review),
                        expected_version=form.cleaned_data["version"],
                        **{name: form.cleaned_data[name] for name in form.fields if name != "version"},
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The review was ended.") if finishing else _("The checklist was saved.")
                )
                return redirect("policies:review_detail", pk=review.pk)
        if not finishing:
            # Keep what was typed in the full form the page shows, and why it was refused.
            refusals = form.non_field_errors()
            form = ReviewCompleteForm(request.POST, review=review)
            form.is_valid()
            for refusal in refusals:
                form.add_error(None, refusal)
        return self._render(request, review, form, status=400)


class YesOMeterView(PermissionRequiredMixin, View):
    permission = permissions.can_view_yes_o_meter
    template_name = "policies/yes_o_meter.html"

    def _form(self, request, data=None):
        if not permissions.can_rate_branch(request.user):
            return None
        branches = branches_visible_to(user=request.user, roles=permissions.MANAGING_ROLES)
        return RatingForm(data, branches=branches, policies=selectors.policy_choices(user=request.user))

    def _render(self, request, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "rows": selectors.yes_o_meter(user=request.user),
                "form": form,
                "nav_current": "policies",
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, self._form(request))

    def post(self, request):
        form = self._form(request, request.POST)
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.yes_rating_record(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The rating was recorded."))
                return redirect("policies:yes_o_meter")
        return self._render(request, form, status=400)
