"""The periodic review of exclusions, and completing the review of a pending one."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.access import ActionMixin
from patroncare.core.forms import add_service_errors
from patroncare.rulebook.models import Outcome

from .. import selectors, services
from ..forms import (
    ReviewCompleteForm,
    ReviewForm,
)
from ..permissions import (
    can_review_period,
)
from ._base import ConductView
from .exclusions import ExclusionDetailView


class ReviewView(ConductView):
    permission = can_review_period

    def _period(self, request):
        today = timezone.localdate()
        first_of_month = today.replace(day=1)
        default_end = first_of_month - timedelta(days=1)
        default_start = default_end.replace(day=1)
        try:
            start = (
                date.fromisoformat(request.GET.get("start", ""))
                if request.GET.get("start")
                else default_start
            )
            end = date.fromisoformat(request.GET.get("end", "")) if request.GET.get("end") else default_end
        except ValueError:
            start, end = default_start, default_end
        return (start, end) if start <= end else (default_start, default_end)

    def _render(self, request, start, end, form=None, status=200):
        data = selectors.period_review(user=request.user, start=start, end=end)
        data["lift_requests"] = selectors.lift_request_counts(user=request.user, start=start, end=end)
        outcomes = dict(Outcome.choices)
        for row in data["by_outcome"]:
            row["label"] = outcomes.get(row["outcome"], row["outcome"])
        context = {
            **data,
            "start": start,
            "end": end,
            "form": form or ReviewForm(initial={"period_start": start, "period_end": end}),
            "records": selectors.review_records_of(user=request.user),
        }
        return render(request, "conduct/review.html", context, status=status)

    def get(self, request):
        return self._render(request, *self._period(request))

    def post(self, request):
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_record(
                    actor=request.user, system=request.user.library_system, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The review was recorded."))
                return redirect("conduct:review")
        start, end = self._period(request)
        return self._render(request, start, end, form=form, status=400)


class ExclusionReviewCompleteView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=ReviewCompleteForm,
            prefix="review",
            perform=lambda exclusion, form: services.exclusion_complete_review(
                actor=request.user, exclusion=exclusion, **form.cleaned_data
            ),
            success=_("The review was completed. Send the person a new notice letter."),
        )
