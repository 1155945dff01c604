"""Appeals against an exclusion: recorded, decided by the chosen decider, answered by letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.core.access import ActionMixin
from patroncare.core.decisions import already_decided_message
from patroncare.core.forms import add_service_errors

from .. import selectors, services
from ..forms import (
    AppealForm,
    DecisionForm,
)
from ..models import Exclusion, LetterKind
from ..permissions import (
    can_record_appeal,
    may_decide,
)
from ._base import ConductView, letter_response
from .exclusions import ExclusionDetailView


class AppealCreateView(ActionMixin, ExclusionDetailView):
    permission = can_record_appeal

    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=AppealForm,
            prefix="appeal",
            perform=lambda exclusion, form: services.appeal_file(
                actor=request.user, exclusion=exclusion, **form.cleaned_data
            ),
            success=_("The appeal was recorded."),
        )


class AppealDecideView(ConductView):
    scoped_model = Exclusion

    def _context(self, request, pk, appeal_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        appeal = selectors.appeal_get_for(user=request.user, exclusion=exclusion, pk=appeal_pk)
        if appeal.decided_at is None and (not appeal.is_open or not may_decide(request.user, appeal)):
            raise Http404
        return exclusion, appeal

    def _already_decided(self, request, appeal):
        """Someone else decided first: say who and when, and show the exclusion as it now stands."""
        messages.error(request, already_decided_message(appeal))
        return redirect("conduct:exclusion_detail", pk=appeal.exclusion_id)

    def get(self, request, pk, appeal_pk):
        exclusion, appeal = self._context(request, pk, appeal_pk)
        if appeal.decided_at is not None:
            return self._already_decided(request, appeal)
        return render(
            request,
            "conduct/appeal_decide.html",
            {"exclusion": exclusion, "appeal": appeal, "form": DecisionForm()},
        )

    def post(self, request, pk, appeal_pk):
        exclusion, appeal = self._context(request, pk, appeal_pk)
        if appeal.decided_at is not None:
            return self._already_decided(request, appeal)
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.appeal_decide(
                    actor=request.user,
                    appeal=appeal,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["decision_reason"],
                    new_end_date=form.cleaned_data["new_end_date"],
                    reason_es=form.cleaned_data["decision_reason_es"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The appeal was decided. Send the decision letter."))
                return redirect("conduct:exclusion_detail", pk=pk)
        return render(
            request,
            "conduct/appeal_decide.html",
            {"exclusion": exclusion, "appeal": appeal, "form": form},
            status=400,
        )


class AppealLetterView(ConductView):
    scoped_model = Exclusion

    def get(self, request, pk, appeal_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        appeal = selectors.appeal_get_for(user=request.user, exclusion=exclusion, pk=appeal_pk)
        if appeal.is_open:
            raise Http404
        return letter_response(
            request,
            record=appeal,
            exclusion=exclusion,
            kind=LetterKind.APPEAL_DECISION,
            appeal=appeal,
            name="appeal-decision",
            summary="Appeal decision letter produced",
        )


# Periodic review
