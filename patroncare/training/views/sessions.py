"""Group sessions on a shared screen, and assignments with due dates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.libraries.calendar import today_in

from .. import engine, selectors, services
from ..forms import AssignmentForm, AttendeesForm, GroupChoiceForm, SessionForm, SummaryForm
from ..models import Assignment, GroupSession
from ..permissions import can_assign, can_practise, can_run_sessions
from ..scenario_format import OUTCOMES, SKILLS


class SessionView(PermissionRequiredMixin, View):
    permission = can_run_sessions


class SessionListView(SessionView):
    def get(self, request):
        return render(
            request, "training/session_list.html", {"sessions": selectors.sessions_for(user=request.user)}
        )


class SessionNewView(SessionView):
    def _form(self, request, data=None):
        return SessionForm(
            data,
            versions=list(selectors.library_for(user=request.user)),
            branches=selectors.branches_for_records(user=request.user),
            people=selectors.staff_of_system(user=request.user),
        )

    def get(self, request):
        return render(request, "training/session_new.html", {"form": self._form(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            session = services.session_start(
                actor=request.user,
                version=form.cleaned_data["version"],
                branch=form.cleaned_data["branch"],
                attendees=list(form.cleaned_data["attendees"]),
            )
            return redirect("training:session", pk=session.pk)
        return render(request, "training/session_new.html", {"form": form}, status=400)


def _session_context(session: GroupSession) -> dict:
    doc = engine.document(session.version.source)
    recorded, path = [], []
    for record in session.steps.all():
        step = doc.step(record.step_id)
        choice = step.choices[record.choice]
        recorded.append({"record": record, "step": step, "choice": choice})
        path.append(engine.path_entry(step_id=step.id, index=record.choice, choice=choice))
    score, max_score = engine.score_of(path)
    return {
        "debrief": engine.debrief(doc, path),
        "score": score,
        "max_score": max_score,
        "session": session,
        "doc": doc,
        "recorded": recorded,
        "skills": SKILLS,
        "step": doc.step(session.current_step),
        "outcome_labels": OUTCOMES,
    }


class SessionRunView(SessionView):
    scoped_model = GroupSession

    def _render(self, request, session, *, form=None, summary_form=None, attendees_form=None, status=200):
        context = _session_context(session)
        step = context["step"]
        people = selectors.staff_of_system(user=request.user)
        context |= {
            "form": form or (None if step.is_ending else GroupChoiceForm(step=step)),
            "summary_form": summary_form or SummaryForm(),
            "attendees_form": attendees_form
            or AttendeesForm(people=people, initial={"attendees": list(session.attendees.all())}),
        }
        return render(request, "training/session_run.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, selectors.session_get(user=request.user, pk=pk))

    def post(self, request, pk):
        session = selectors.session_get(user=request.user, pk=pk)
        action = request.POST.get("action")
        if action == "attendees":
            form = AttendeesForm(request.POST, people=selectors.staff_of_system(user=request.user))
            if form.is_valid():
                services.session_attendees_set(
                    actor=request.user, session=session, attendees=list(form.cleaned_data["attendees"])
                )
                messages.success(request, _("Attendees saved."))
                return redirect("training:session", pk=session.pk)
            return self._render(request, session, attendees_form=form, status=400)
        if action == "finish":
            form = SummaryForm(request.POST)
            if form.is_valid():
                try:
                    services.session_finish(
                        actor=request.user, session=session, summary=form.cleaned_data["summary"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return redirect("training:session", pk=session.pk)
            return self._render(request, session, summary_form=form, status=400)
        doc = engine.document(session.version.source)
        step = doc.step(session.current_step)
        form = GroupChoiceForm(request.POST, step=step) if not step.is_ending else None
        if form is not None and form.is_valid():
            try:
                services.session_choose(
                    actor=request.user,
                    session=session,
                    step_id=form.cleaned_data["step"],
                    index=form.cleaned_data["choice"],
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("training:session", pk=session.pk)
        return self._render(request, session, form=form, status=400)


class AssignmentsView(PermissionRequiredMixin, View):
    permission = can_practise

    def _form(self, request, data=None):
        return AssignmentForm(
            data,
            people=selectors.staff_of_system(user=request.user),
            versions=list(selectors.library_for(user=request.user)),
        )

    def _render(self, request, form=None, status=200):
        assignments = selectors.assignments_for(user=request.user)
        if not can_assign(request.user):
            assignments = assignments.filter(assignee=request.user)
        return render(
            request,
            "training/assignments.html",
            {
                "assignments": assignments,
                "today": today_in(request.user.library_system),
                "form": (form or self._form(request)) if can_assign(request.user) else None,
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        if not can_assign(request.user):
            return render(request, "403.html", status=403)
        form = self._form(request, request.POST)
        if form.is_valid():
            services.assignment_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("The practice was assigned."))
            return redirect("training:assignments")
        return self._render(request, form, status=400)


class AssignmentCancelView(PermissionRequiredMixin, View):
    permission = can_assign
    scoped_model = Assignment

    def post(self, request, pk):
        assignment = get_object_or_404(Assignment, pk=pk, system_id=request.user.library_system_id)
        services.assignment_cancel(actor=request.user, assignment=assignment)
        messages.success(request, _("The assignment was cancelled."))
        return redirect("training:assignments")
