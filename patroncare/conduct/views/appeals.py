"""Appeals against an exclusion: recorded, decided by the chosen decider, answered by letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from patroncare.core.access import ActionMixin
from patroncare.core.decisions import already_decided_message
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in
from patroncare.rulebook.selectors import appeal_settings_for

from .. import events, selectors, services
from ..forms import (
    AppealForm,
    DecisionForm,
    HearingAttendanceForm,
    HearingDisclosureForm,
    HearingScheduleForm,
)
from ..models import Exclusion, LetterKind
from ..permissions import (
    can_record_appeal,
    may_decide,
)
from ..services.hearings import hearing_blocks_decision
from ..state import appeal_deadlines
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
    """The appeal's page for whoever decides it: its deadlines, its hearing, and the decision."""

    scoped_model = Exclusion

    def _context(self, request, pk, appeal_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        appeal = selectors.appeal_get_for(user=request.user, exclusion=exclusion, pk=appeal_pk)
        if appeal.decided_at is None and (not appeal.is_open or not may_decide(request.user, appeal)):
            raise Http404
        return exclusion, appeal

    def _already_decided(self, request, appeal):
        """Someone else decided first: say who and when, and show the exclusion as it now stands."""
        messages.error(request, already_decided_message(appeal))
        return redirect("conduct:exclusion_detail", pk=appeal.exclusion_id)

    def _render(self, request, exclusion, appeal, status=200, **forms):
        settings = appeal_settings_for(exclusion.system)
        hearing = selectors.hearing_of(appeal)
        context = {
            "exclusion": exclusion,
            "appeal": appeal,
            "settings": settings,
            "hearing": hearing,
            "deadlines": appeal_deadlines(appeal, settings),
            "waiting_for_hearing": hearing_blocks_decision(appeal, settings),
            "form": forms.get("form") or DecisionForm(),
            "schedule_form": forms.get("schedule_form") or _schedule_form(exclusion, hearing),
            "disclosure_form": forms.get("disclosure_form")
            or HearingDisclosureForm(
                prefix="documents",
                initial={
                    "version": hearing and hearing.version,
                    "documents_disclosed_on": today_in(exclusion.system),
                },
            ),
            "attendance_form": forms.get("attendance_form")
            or HearingAttendanceForm(prefix="attendance", initial={"version": hearing and hearing.version}),
        }
        return render(request, "conduct/appeal_decide.html", context, status=status)

    def get(self, request, pk, appeal_pk):
        exclusion, appeal = self._context(request, pk, appeal_pk)
        if appeal.decided_at is not None:
            return self._already_decided(request, appeal)
        events.appeal_viewed(actor=request.user, appeal=appeal)
        return self._render(request, exclusion, appeal)

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
        return self._render(request, exclusion, appeal, status=400, form=form)


def _schedule_form(exclusion, hearing, data=None):
    initial = {}
    if hearing is not None:
        initial = {
            "version": hearing.version,
            "scheduled_at": timezone.localtime(hearing.scheduled_at, exclusion.system.zone).replace(
                tzinfo=None
            ),
            "place": hearing.place,
            "panel_members": list(hearing.panel_members.all()),
            "panel_names": hearing.panel_names,
            "late_reason": hearing.late_reason,
        }
    return HearingScheduleForm(data, prefix="hearing", initial=initial, system=exclusion.system)


class _HearingActionView(AppealDecideView):
    """A change to the hearing, from the appeal's page: POST only, for whoever decides the appeal."""

    form_key = ""
    success = ""

    def get(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request, *args, **kwargs)

    def post(self, request, pk, appeal_pk):
        exclusion, appeal = self._context(request, pk, appeal_pk)
        if appeal.decided_at is not None:
            return self._already_decided(request, appeal)
        hearing = selectors.hearing_of(appeal)
        form = self.bound_form(request, exclusion, hearing)
        if form.is_valid():
            try:
                self.perform(request, appeal, hearing, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success)
                return redirect("conduct:appeal_decide", pk=pk, appeal_pk=appeal_pk)
        return self._render(request, exclusion, appeal, status=400, **{self.form_key: form})


class HearingScheduleView(_HearingActionView):
    form_key = "schedule_form"
    success = _lazy("The hearing was scheduled. Send the invitation letter.")

    def bound_form(self, request, exclusion, hearing):
        return _schedule_form(exclusion, hearing, request.POST)

    def perform(self, request, appeal, hearing, data):
        services.hearing_schedule(
            actor=request.user,
            appeal=appeal,
            scheduled_at=data["scheduled_at"],
            place=data["place"],
            panel_members=list(data["panel_members"]),
            panel_names=data["panel_names"],
            late_reason=data["late_reason"],
            expected_version=data["version"] if hearing else None,
        )


class HearingDisclosureView(_HearingActionView):
    form_key = "disclosure_form"
    success = _lazy("The day the documents were sent was recorded.")

    def bound_form(self, request, exclusion, hearing):
        if hearing is None:
            raise Http404
        return HearingDisclosureForm(request.POST, prefix="documents")

    def perform(self, request, appeal, hearing, data):
        services.hearing_record_disclosure(
            actor=request.user,
            hearing=hearing,
            disclosed_on=data["documents_disclosed_on"],
            note=data["documents_note"],
            expected_version=data["version"],
        )


class HearingAttendanceView(_HearingActionView):
    form_key = "attendance_form"
    success = _lazy("The hearing was recorded. The appeal may now be decided.")

    def bound_form(self, request, exclusion, hearing):
        if hearing is None:
            raise Http404
        return HearingAttendanceForm(request.POST, prefix="attendance")

    def perform(self, request, appeal, hearing, data):
        services.hearing_record_attendance(
            actor=request.user,
            hearing=hearing,
            attendance=data["attendance"],
            represented_by=data["represented_by"],
            outcome_notes=data["outcome_notes"],
            expected_version=data["version"],
        )


class HearingLetterView(ConductView):
    """The invitation to the hearing, as sent; for whoever decides the appeal."""

    scoped_model = Exclusion

    def get(self, request, pk, appeal_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
        appeal = selectors.appeal_get_for(user=request.user, exclusion=exclusion, pk=appeal_pk)
        if selectors.hearing_of(appeal) is None or not may_decide(request.user, appeal):
            raise Http404
        return letter_response(
            request,
            record=appeal,
            exclusion=exclusion,
            kind=LetterKind.HEARING_INVITATION,
            appeal=appeal,
            name="hearing-invitation",
        )

    post = get  # issues the letter (see letter_response)


class AppealLetterView(ConductView):
    scoped_model = Exclusion

    def get(self, request, pk, appeal_pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk)
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
        )

    post = get  # issues the letter (see letter_response)


# Periodic review
