"""Pages for rules of conduct, the ladder, exclusions with their letters, appeals, the board and reviews."""

import copy
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record
from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.decisions import already_decided_message
from patroncare.core.files import safe_extension, serve_upload
from patroncare.core.forms import add_service_errors
from patroncare.incidents import selectors as incident_selectors
from patroncare.incidents.views import SystemTimeMixin
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.models import BehaviourClass, IssueLimit, LadderStep, Outcome, Rule

from . import letters, selectors, services
from .forms import (
    AppealForm,
    AppealSettingsForm,
    BehaviourClassForm,
    DecisionForm,
    DeliveryForm,
    ExclusionForm,
    IssueLimitForm,
    LadderStepForm,
    LiftDecisionForm,
    LiftRequestForm,
    PhotoForm,
    ReviewCompleteForm,
    ReviewForm,
    RuleForm,
)
from .models import Exclusion
from .permissions import (
    can_configure_conduct,
    can_handle_exclusions,
    can_read_rules,
    can_record_appeal,
    can_record_lift_request,
    can_review_period,
    can_see_board,
)
from .services.appeals import may_decide
from .services.exclusions import may_approve_deviation
from .services.lifting import can_be_asked_to_lift, earliest_request_date, may_decide_lift_request
from .state import ExclusionState, appeal_deadline, decision_deadline, is_appealable, today_for


class ConductView(SystemTimeMixin, PermissionRequiredMixin, View):
    permission = can_handle_exclusions


# Rules of conduct


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


class LadderView(ConductView):
    def _render(self, request, step_form=None, limit_form=None, class_form=None, status=200):
        system = request.user.library_system
        context = {
            "steps": rulebook_selectors.ladder_of(system=system),
            "classes": rulebook_selectors.behaviour_classes_of(system=system),
            "class_form": class_form or BehaviourClassForm(system=system, prefix="class"),
            "limits": IssueLimit.objects.filter(system=system).order_by("role"),
            "can_edit": can_configure_conduct(request.user),
            "step_form": step_form or LadderStepForm(system=system, prefix="step"),
            "limit_form": limit_form or IssueLimitForm(prefix="limit"),
        }
        return render(request, "conduct/ladder.html", context, status=status)

    def get(self, request):
        return self._render(request)


class LadderStepCreateView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request):
        system = request.user.library_system
        form = LadderStepForm(request.POST, system=system, prefix="step")
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in LadderStepForm.Meta.fields}
            try:
                rulebook_services.ladder_step_create(actor=request.user, system=system, **values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The row was added to the ladder."))
                return redirect("conduct:ladder")
        return self._render(request, step_form=form, status=400)


class LadderStepEditView(ConductView):
    permission = can_configure_conduct
    scoped_model = LadderStep

    def get(self, request, pk):
        step = rulebook_selectors.ladder_step_get(user=request.user, pk=pk)
        form = LadderStepForm(instance=copy.copy(step), system=request.user.library_system)
        return render(request, "conduct/ladder_step_form.html", {"form": form, "step": step})

    def post(self, request, pk):
        step = rulebook_selectors.ladder_step_get(user=request.user, pk=pk)
        form = LadderStepForm(request.POST, instance=copy.copy(step), system=request.user.library_system)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in LadderStepForm.Meta.fields}
            try:
                rulebook_services.ladder_step_update(actor=request.user, step=step, **values)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The row was saved."))
                return redirect("conduct:ladder")
        return render(request, "conduct/ladder_step_form.html", {"form": form, "step": step}, status=400)


class LadderStepDeleteView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request, pk):
        step = rulebook_selectors.ladder_step_get(user=request.user, pk=pk)
        rulebook_services.ladder_step_delete(actor=request.user, step=step)
        messages.success(request, _("The row was removed from the ladder."))
        return redirect("conduct:ladder")


class BehaviourClassCreateView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request):
        system = request.user.library_system
        form = BehaviourClassForm(request.POST, system=system, prefix="class")
        if form.is_valid():
            try:
                rulebook_services.behaviour_class_create(
                    actor=request.user, system=system, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The class was added."))
                return redirect("conduct:ladder")
        return self._render(request, class_form=form, status=400)


class BehaviourClassEditView(ConductView):
    permission = can_configure_conduct
    scoped_model = BehaviourClass

    def get(self, request, pk):
        behaviour_class = rulebook_selectors.behaviour_class_get(user=request.user, pk=pk)
        form = BehaviourClassForm(instance=copy.copy(behaviour_class), system=request.user.library_system)
        return self._render(request, behaviour_class, form)

    def post(self, request, pk):
        behaviour_class = rulebook_selectors.behaviour_class_get(user=request.user, pk=pk)
        form = BehaviourClassForm(
            request.POST, instance=copy.copy(behaviour_class), system=request.user.library_system
        )
        if form.is_valid():
            try:
                rulebook_services.behaviour_class_update(
                    actor=request.user, behaviour_class=behaviour_class, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The class was saved."))
                return redirect("conduct:ladder")
        return self._render(request, behaviour_class, form, status=400)

    def _render(self, request, behaviour_class, form, status=200):
        context = {"behaviour_class": behaviour_class, "form": form}
        return render(request, "conduct/behaviour_class_form.html", context, status=status)


class BehaviourClassDeleteView(ConductView):
    permission = can_configure_conduct
    scoped_model = BehaviourClass

    def post(self, request, pk):
        behaviour_class = rulebook_selectors.behaviour_class_get(user=request.user, pk=pk)
        try:
            rulebook_services.behaviour_class_delete(actor=request.user, behaviour_class=behaviour_class)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The class was removed."))
        return redirect("conduct:ladder")


class IssueLimitView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request):
        form = IssueLimitForm(request.POST, prefix="limit")
        if form.is_valid():
            rulebook_services.issue_limit_set(
                actor=request.user, system=request.user.library_system, **form.cleaned_data
            )
            messages.success(request, _("The limit was saved."))
            return redirect("conduct:ladder")
        return self._render(request, limit_form=form, status=400)


class AppealSettingsView(ConductView):
    permission = can_configure_conduct

    def get(self, request):
        settings = rulebook_services.appeal_settings_for(request.user.library_system)
        return render(
            request,
            "conduct/appeal_settings.html",
            {"form": AppealSettingsForm(instance=copy.copy(settings))},
        )

    def post(self, request):
        settings = rulebook_services.appeal_settings_for(request.user.library_system)
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


class BoardView(ConductView):
    permission = can_see_board

    def get(self, request):
        board = selectors.board_for(user=request.user)
        audit_record(
            action=AuditAction.VIEW, actor=request.user, obj=None, summary="Board of current exclusions read"
        )
        return render(
            request, "conduct/board.html", {"board": board, "today": today_for(request.user.library_system)}
        )


class ExclusionListView(ConductView):
    def get(self, request):
        state = request.GET.get("state", "")
        if state not in ExclusionState.values:
            state = ""
        audit_record(action=AuditAction.VIEW, actor=request.user, obj=None, summary="Exclusion list read")
        return render(
            request,
            "conduct/exclusion_list.html",
            {
                "exclusions": selectors.exclusion_list(user=request.user, state=state),
                "state": state,
                "states": ExclusionState.choices,
            },
        )


class ExclusionCreateView(ConductView):
    template_name = "conduct/exclusion_form.html"

    def _subject(self, request):
        source = request.POST if request.method == "POST" else request.GET
        try:
            incident_pk, person_pk = int(source.get("incident", "")), int(source.get("person", ""))
        except ValueError:
            raise Http404 from None
        incident = incident_selectors.incident_get_for(user=request.user, pk=incident_pk, audit=False)
        person = next((p for p in incident_selectors.subjects_of(incident) if p.pk == person_pk), None)
        if person is None:
            raise Http404
        return incident, person

    def _render(self, request, incident, person, form, status=200):
        recommendation = services.recommendation_for(incident=incident, person=person)
        return render(
            request,
            self.template_name,
            {
                "incident": incident,
                "person": person,
                "form": form,
                "recommendation": recommendation,
                "current": selectors.exclusions_in_force(
                    system=incident.system, branch=incident.branch, people=[person]
                ),
            },
            status=status,
        )

    def get(self, request):
        incident, person = self._subject(request)
        recommendation = services.recommendation_for(incident=incident, person=person)
        start = timezone.localdate()
        initial = {
            "start_date": start,
            "rules": list(incident.rules.all()),
            "letter_language": request.LANGUAGE_CODE,
        }
        if recommendation and recommendation.outcome != Outcome.WARNING:
            initial["outcome"] = recommendation.outcome
            if recommendation.min_days:
                initial["end_date"] = start + timedelta(days=recommendation.min_days - 1)
        return self._render(request, incident, person, ExclusionForm(initial=initial, system=incident.system))

    def post(self, request):
        incident, person = self._subject(request)
        form = ExclusionForm(request.POST, system=incident.system)
        if form.is_valid():
            data = form.cleaned_data
            try:
                exclusion = services.exclusion_issue(
                    actor=request.user,
                    incident=incident,
                    person=person,
                    outcome=data["outcome"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    branch=data["branch"],
                    rules=list(data["rules"]),
                    conditions=data["conditions"],
                    letter_language=data["letter_language"],
                    deviation_reason=data["deviation_reason"],
                    guardian_name=data["guardian_name"],
                    person_name=data["person_name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The exclusion was issued. Print or send the notice letter."))
                return redirect("conduct:exclusion_detail", pk=exclusion.pk)
        return self._render(request, incident, person, form, status=400)


class ExclusionDetailView(ConductView):
    scoped_model = Exclusion

    def _render(
        self,
        request,
        exclusion,
        delivery_form=None,
        appeal_form=None,
        status=200,
        review_form=None,
        photo_form=None,
        lift_form=None,
    ):
        settings = rulebook_services.appeal_settings_for(exclusion.system)
        open_appeal = next((a for a in exclusion.appeals.all() if a.is_open), None)
        context = {
            "exclusion": exclusion,
            "settings": settings,
            "appealable": is_appealable(exclusion, settings),
            "deadline": appeal_deadline(exclusion, settings),
            "open_appeal": open_appeal,
            "decision_due": decision_deadline(open_appeal, settings) if open_appeal else None,
            "can_decide": open_appeal is not None and may_decide(request.user, open_appeal),
            "can_approve": exclusion.deviation_reason
            and not exclusion.deviation_approved_at
            and may_approve_deviation(request.user, exclusion),
            "can_record_appeal": can_record_appeal(request.user)
            and open_appeal is None
            and exclusion.state not in (ExclusionState.RESCINDED, ExclusionState.ENDED),
            "delivery_form": delivery_form
            or DeliveryForm(prefix="delivery", initial={"delivered_on": timezone.localdate()}),
            "appeal_form": appeal_form
            or AppealForm(
                prefix="appeal",
                initial={
                    "received_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None),
                    "letter_language": exclusion.letter_language,
                },
            ),
            "decision_form": DecisionForm(prefix="decision"),
            "review_form": review_form or ReviewCompleteForm(prefix="review"),
            "photo_form": photo_form or PhotoForm(prefix="photo"),
            "can_complete_review": exclusion.outcome == Outcome.PENDING_REVIEW
            and exclusion.state != ExclusionState.RESCINDED,
            "lift": _lift_context(request, exclusion, settings, lift_form),
        }
        return render(request, "conduct/exclusion_detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.exclusion_get_for(user=request.user, pk=pk))

    def _submit(self, request, pk, *, form_class, prefix: str, perform, success: str):
        """One of the page's forms posted: `perform(exclusion, form)` calls the service; errors stay on it."""
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        form = form_class(request.POST, request.FILES, prefix=prefix)
        if form.is_valid():
            try:
                perform(exclusion, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, success)
                return redirect("conduct:exclusion_detail", pk=pk)
        return self._render(request, exclusion, status=400, **{f"{prefix}_form": form})


class ExclusionApproveView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        try:
            services.exclusion_approve_deviation(actor=request.user, exclusion=exclusion)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self._render(request, exclusion, status=400)
        messages.success(request, _("The deviation was approved."))
        return redirect("conduct:exclusion_detail", pk=pk)


class DeliveryCreateView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=DeliveryForm,
            prefix="delivery",
            perform=lambda exclusion, form: services.exclusion_record_delivery(
                actor=request.user, exclusion=exclusion, **form.cleaned_data
            ),
            success=_("The delivery was recorded."),
        )


class ExclusionLetterView(ConductView):
    scoped_model = Exclusion

    def get(self, request, pk):
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        return _letter_response(
            request,
            record=exclusion,
            render=letters.exclusion_notice_pdf,
            name="exclusion-notice",
            summary="Notice letter produced",
        )


def _letter_response(request, *, record, render, name: str, summary: str) -> HttpResponse:
    """A letter as PDF in the language asked for (English or Spanish, else the record's own); audited."""
    language = request.GET.get("lang")
    if language not in ("en", "es"):
        language = record.letter_language
    pdf = render(record, language=language)
    audit_record(action=AuditAction.EXPORT, actor=request.user, obj=record, summary=f"{summary} ({language})")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-{record.pk}-{language}.pdf"'
    return response


# Appeals


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
        return _letter_response(
            request,
            record=appeal,
            render=letters.appeal_decision_pdf,
            name="appeal-decision",
            summary="Appeal decision letter produced",
        )


# Periodic review


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
        from .models import ReviewRecord

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
            "records": ReviewRecord.objects.filter(system_id=request.user.library_system_id)[:12],
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


class PhotoUploadView(ActionMixin, ExclusionDetailView):
    def post(self, request, pk):
        return self._submit(
            request,
            pk,
            form_class=PhotoForm,
            prefix="photo",
            perform=lambda exclusion, form: services.person_photo_set(
                actor=request.user, exclusion=exclusion, upload=form.cleaned_data["photo"]
            ),
            success=_("The photo was added."),
        )


class PersonPhotoView(ConductView):
    """A photo is shown only to staff whose board lists the person today."""

    permission = can_see_board

    def get(self, request, person_pk):
        person = next(
            (e.person for e in selectors.board_for(user=request.user) if e.person_id == person_pk), None
        )
        if person is None or not person.photo:
            raise Http404
        audit_record(
            action=AuditAction.VIEW,
            actor=request.user,
            obj=person,
            summary="Photo of an excluded person seen",
        )
        # Shown in the page (an <img>), under a name that says nothing of who it is.
        return serve_upload(
            request, person.photo, download_name="photo" + safe_extension(person.photo.name), inline=True
        )


# Requests to lift a permanent exclusion


def _lift_context(request, exclusion, settings, form=None) -> dict:
    """The "Requests to lift" section of an exclusion's page (shown for permanent exclusions)."""
    askable = can_be_asked_to_lift(exclusion)
    requests = list(exclusion.lift_requests.all())
    open_request = next((r for r in requests if r.is_open), None)
    return {
        "shown": exclusion.outcome == Outcome.PERMANENT or bool(requests),
        "askable": askable,
        "earliest": earliest_request_date(exclusion, settings) if askable else None,
        "decision_due": decision_deadline(open_request, settings) if open_request else None,
        "can_decide": open_request is not None
        and may_decide_lift_request(request.user, open_request, settings),
        "can_record": askable and open_request is None and can_record_lift_request(request.user),
        "form": form
        or LiftRequestForm(
            prefix="lift",
            initial={
                "received_on": today_for(exclusion.system),
                "letter_language": exclusion.letter_language,
            },
        ),
    }


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
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        lift_request = selectors.lift_request_get_for(user=request.user, exclusion=exclusion, pk=lift_pk)
        if (open_only and not lift_request.is_open) or not may_decide_lift_request(
            request.user, lift_request
        ):
            raise Http404
        return exclusion, lift_request

    def _render(self, request, exclusion, lift_request, form, status=200):
        settings = rulebook_services.appeal_settings_for(exclusion.system)
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
        audit_record(
            action=AuditAction.VIEW, actor=request.user, obj=lift_request, summary="Request to lift read"
        )
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
        exclusion = selectors.exclusion_get_for(user=request.user, pk=pk, audit=False)
        lift_request = selectors.lift_request_get_for(user=request.user, exclusion=exclusion, pk=lift_pk)
        if lift_request.is_open:
            raise Http404
        return _letter_response(
            request,
            record=lift_request,
            render=letters.lift_decision_pdf,
            name="lift-decision",
            summary="Decision letter on a request to lift produced",
        )
