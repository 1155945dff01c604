"""Requests to lift a permanent exclusion: recorded, decided, answered by letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.conduct import events
from patroncare.core.access import ActionMixin
from patroncare.core.forms import add_service_errors
from patroncare.rulebook import selectors as rulebook_selectors

from .. import selectors, services
from ..forms import (
    LiftDecisionForm,
    LiftRequestForm,
)
from ..models import Exclusion, LetterKind
from ..permissions import (
    can_record_lift_request,
    may_decide_lift_request,
)
from ..state import decision_deadline
from ._base import ConductView, letter_response
from .exclusions import ExclusionDetailView


class LiftRequestCreateView(ActionMixin, ExclusionDetailView):
    permission = can_record_lift_request

    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=LiftRequestForm,
            prefix="lift",
            perform=lambda exclusion, form: services.lift_request_record(
                actor=request.user, exclusion=exclusion, **form.service_values()
            ),
            success=_("The request to lift the exclusion was recorded."),
        )


class LiftRequestDecideView(ConductView):
    """The decider's page. A request decided meanwhile by someone else answers with a clear message."""

    scoped_model = Exclusion

    def _context(self, request, pk, lift_pk, *, open_only: bool):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        lift_request = selectors.lift_request_get_for(user=request.user, exclusion=exclusion, pk=lift_pk)
        if (open_only and not lift_request.is_open) or not may_decide_lift_request(
            request.user, lift_request
        ):
            raise Http404
        return exclusion, lift_request

    def _render(self, request, exclusion, lift_request, form, status=200):
        settings = rulebook_selectors.appeal_settings_for(exclusion.system)
        context = {
            "exclusion": exclusion,
            "lift_request": lift_request,
            "form": form,
            "settings": settings,
            "decision_due": decision_deadline(lift_request, settings),
            "earlier": [r for r in exclusion.lift_requests.all() if r.pk != lift_request.pk and r.decision],
        }
        return render(request, "conduct/lift_decide.html", context, status=status)

    def get(self, request, pk, lift_pk):
        exclusion, lift_request = self._context(request, pk, lift_pk, open_only=True)
        events.lift_request_viewed(actor=request.user, lift_request=lift_request)
        form = LiftDecisionForm(initial={"version": lift_request.version})
        return self._render(request, exclusion, lift_request, form)

    def post(self, request, pk, lift_pk):
        exclusion, lift_request = self._context(request, pk, lift_pk, open_only=False)
        form = LiftDecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.lift_request_decide(
                    actor=request.user,
                    lift_request=lift_request,
                    expected_version=data["version"],
                    decision=data["decision"],
                    reason=data["decision_reason"],
                    lifted_from=data["lifted_from"],
                    return_conditions=data["return_conditions"],
                    reason_es=data["decision_reason_es"],
                    return_conditions_es=data["return_conditions_es"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The request was decided. Send the decision letter."))
                return redirect("conduct:exclusion_detail", pk=pk)
        return self._render(request, exclusion, lift_request, form, status=400)


class LiftRequestLetterView(ConductView):
    scoped_model = Exclusion

    def get(self, request, pk, lift_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        lift_request = selectors.lift_request_get_for(user=request.user, exclusion=exclusion, pk=lift_pk)
        if lift_request.is_open:
            raise Http404
        return letter_response(
            request,
            record=lift_request,
            exclusion=exclusion,
            kind=LetterKind.LIFT_DECISION,
            lift_request=lift_request,
            name="lift-decision",
        )

    post = get  # issues the letter (see letter_response)
