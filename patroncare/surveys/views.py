"""Staff survey pages: the rounds, answering, and results with the group threshold."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.accounts.permissions import branch_ids_for
from patroncare.accounts.roles import OVERSIGHT
from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.charts import bar_chart
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import Branch

from . import permissions, question_services, selectors, services
from .forms import ActionForm, AnswerForm, QuestionForm, RoundForm
from .models import MIN_GROUP, Question, QuestionKind, Round


class SurveyView(PermissionRequiredMixin, View):
    permission = permissions.can_see_surveys
    scoped_model = Round


class RoundListView(SurveyView):
    def get(self, request):
        user = request.user
        return render(
            request,
            "surveys/index.html",
            {
                "open_rounds": selectors.open_rounds_for(user=user),
                "rounds": selectors.rounds(user=user) if permissions.can_read_results(user) else [],
                "can_run": permissions.can_run_surveys(user),
                "today": today_in(user.library_system),
                "nav_current": "surveys",
            },
        )


class RoundStartView(SurveyView):
    permission = permissions.can_run_surveys

    def _branches(self, request):
        return Branch.objects.filter(system_id=request.user.library_system_id).order_by("name")

    def get(self, request, form=None, status=200):
        form = form or RoundForm(branches=self._branches(request))
        return render(request, "surveys/start.html", {"form": form, "nav_current": "surveys"}, status=status)

    def post(self, request):
        form = RoundForm(request.POST, branches=self._branches(request))
        if form.is_valid():
            try:
                round_ = services.round_start(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The survey round was started."))
                return redirect("surveys:results", pk=round_.pk)
        return self.get(request, form=form, status=400)


class AnswerView(SurveyView):
    def _context(self, request, round_, form):
        return {"round": round_, "form": form, "nav_current": "surveys"}

    def get(self, request, pk):
        round_ = selectors.round_get(user=request.user, pk=pk)
        branches = selectors.asked_branches(user=request.user, round_=round_)
        if not branches or not round_.is_open(today_in(request.user.library_system)):
            return render(request, "surveys/not_open.html", {"round": round_}, status=403)
        if selectors.has_answered(user=request.user, round_=round_):
            return render(request, "surveys/thanks.html", {"round": round_})
        form = AnswerForm(round_=round_, branches=branches)
        return render(request, "surveys/answer.html", self._context(request, round_, form))

    def post(self, request, pk):
        round_ = selectors.round_get(user=request.user, pk=pk)
        branches = selectors.asked_branches(user=request.user, round_=round_)
        form = AnswerForm(request.POST, round_=round_, branches=branches)
        if form.is_valid():
            branch = next((b for b in branches if str(b.pk) == form.cleaned_data["branch"]), None)
            try:
                services.round_answer(
                    actor=request.user, round_=round_, branch=branch, answers=form.answers()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return render(request, "surveys/thanks.html", {"round": round_})
        return render(request, "surveys/answer.html", self._context(request, round_, form), status=400)


def _ratings_chart(results):
    """The rating questions as bars, this round beside the previous one (None where there is nothing)."""
    ratings = [item for item in results.questions if item.question.kind == QuestionKind.RATING]
    if not ratings:
        return None
    series = {results.round.title: [item.average for item in ratings]}
    if results.previous is not None and any(item.previous_average is not None for item in ratings):
        series[results.previous.title] = [item.previous_average for item in ratings]
    return bar_chart(
        title=_("Ratings, average from 1 (strongly disagree) to 5 (strongly agree)"),
        summary=_("%(count)s people answered this round.") % {"count": results.responses},
        categories=[item.question.text for item in ratings],
        series=series,
        value_label=_("Average"),
    )


class ResultsView(SurveyView):
    permission = permissions.can_read_results

    def get(self, request, pk, action_form=None, status=200):
        round_ = selectors.round_get(user=request.user, pk=pk)
        # A branch supervisor reads the results of their own branches only; the whole round is for those
        # whose role covers every branch.
        scope = branch_ids_for(request.user, OVERSIGHT)
        branches = [b for b in round_.branches.all() if scope is None or b.pk in scope]
        if not branches:
            raise Http404
        branch_id = request.GET.get("branch", "")
        branch_id = int(branch_id) if branch_id.isdigit() else None
        if branch_id not in {b.pk for b in branches}:
            branch_id = None if scope is None else branches[0].pk
        results = selectors.results(round_=round_, branch_id=branch_id)
        if scope is not None:
            names = {b.name for b in branches}
            results.by_branch = [row for row in results.by_branch if row[0] in names]
        return render(
            request,
            "surveys/results.html",
            {
                "results": results,
                "chart": _ratings_chart(results),
                "actions": selectors.actions_with_state(round_=round_),
                "previous_actions": selectors.actions_with_state(round_=results.previous),
                "action_form": action_form or _action_form(request, round_),
                "branch_id": branch_id,
                "branches": branches,
                "whole_round": scope is None,
                "can_run": permissions.can_run_surveys(request.user),
                "min_group": MIN_GROUP,
                "nav_current": "surveys",
            },
            status=status,
        )


def _action_form(request, round_, data=None):
    from patroncare.guidance.models import Playbook
    from patroncare.policies.selectors import policy_choices
    from patroncare.training.models import Scenario
    from patroncare.training.selectors import assignable_people

    system_id = request.user.library_system_id
    return ActionForm(
        data,
        questions=round_.questions.all(),
        policies=policy_choices(user=request.user),
        playbooks=Playbook.objects.filter(system_id=system_id, is_active=True).order_by("order", "slug"),
        scenarios=Scenario.objects.filter(system_id=system_id).order_by("slug"),
        staff=assignable_people(user=request.user),
    )


class ActionCreateView(ActionMixin, ResultsView):
    def post(self, request, pk):
        round_ = selectors.round_get(user=request.user, pk=pk)
        form = _action_form(request, round_, request.POST)
        if form.is_valid():
            try:
                services.action_create(actor=request.user, round_=round_, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The action was recorded."))
                return redirect("surveys:results", pk=round_.pk)
        return self.get(request, pk, action_form=form, status=400)


class QuestionsView(SurveyView):
    """The round's questions, each editable in both languages until the round opens."""

    permission = permissions.can_run_surveys

    def get(self, request, pk, bound=None, status=200):
        round_ = selectors.round_get(user=request.user, pk=pk)
        editable = permissions.can_edit_questions(request.user, round_, today_in(round_.system))
        forms = [
            bound
            if bound is not None and bound.instance.pk == question.pk
            else QuestionForm(instance=question, prefix=f"q{question.pk}")
            for question in round_.questions.all()
        ]
        return render(
            request,
            "surveys/questions.html",
            {"round": round_, "forms": forms, "editable": editable, "nav_current": "surveys"},
            status=status,
        )


class QuestionEditView(ActionMixin, QuestionsView):
    scoped_model = Question
    scoped_system_field = "round__system"

    def post(self, request, pk):
        question = selectors.question_get(user=request.user, pk=pk)
        round_ = question.round
        if not permissions.can_edit_questions(request.user, round_, today_in(round_.system)):
            raise PermissionDenied  # the round has opened: the page says so, with no form to fill
        form = QuestionForm(request.POST, instance=copy.copy(question), prefix=f"q{question.pk}")
        if form.is_valid():
            data = form.cleaned_data
            try:
                question_services.question_update(
                    actor=request.user,
                    question=copy.copy(question),
                    expected_version=data["version"],
                    text_en=data["text_en"],
                    text_es=data.get("text_es") or "",
                    choices_en=data.get("choices_en") or "",
                    choices_es=data.get("choices_es") or "",
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The question was saved."))
                return redirect("surveys:questions", pk=question.round_id)
        return self.get(request, question.round_id, bound=form, status=400)
