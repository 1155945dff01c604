"""Practising alone: the library, a scenario's introduction, a play step by step, the debrief."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.libraries.calendar import today_in

from .. import engine, selectors, services
from ..forms import ChoiceForm
from ..models import Play, ScenarioVersion
from ..permissions import can_assign, can_author, can_practise, can_run_sessions, can_see_others_records
from ..scenario_format import OUTCOMES, SKILLS


class PractiseView(PermissionRequiredMixin, View):
    permission = can_practise


class LibraryView(PractiseView):
    def get(self, request):
        language = request.GET.get("language", "")
        if language not in ("", "en", "es"):
            language = ""
        today = today_in(request.user.library_system)
        assignments = list(selectors.my_open_assignments(user=request.user))
        return render(
            request,
            "training/library.html",
            {
                "versions": selectors.library_for(user=request.user, language=language),
                "language": language,
                "assignments": assignments,
                "today": today,
                "recent": selectors.person_plays(person=request.user)[:5],
                "can_author": can_author(request.user),
                "can_run_sessions": can_run_sessions(request.user),
                "can_assign": can_assign(request.user),
                "can_see_others": can_see_others_records(request.user),
            },
        )


class ScenarioIntroView(PractiseView):
    scoped_model = ScenarioVersion
    scoped_system_field = "scenario__system"

    def get(self, request, pk):
        version = selectors.published_version_get(user=request.user, pk=pk)
        doc = engine.document(version.source)
        return render(request, "training/intro.html", {"version": version, "doc": doc})

    def post(self, request, pk):
        version = selectors.published_version_get(user=request.user, pk=pk)
        play = services.play_start(actor=request.user, version=version)
        return redirect("training:play", pk=play.pk)


def debrief_context(play: Play) -> dict:
    doc = engine.document(play.version.source)
    return {
        "play": play,
        "doc": doc,
        "debrief": engine.debrief(doc, play.path),
        "ending": doc.step(play.ending) if play.ending else None,
        "outcome_label": OUTCOMES.get(play.outcome, ""),
        "skills": SKILLS,
    }


class PlayView(PractiseView):
    scoped_model = Play

    def _render(self, request, play, form=None, status=200):
        if play.is_finished:
            return render(request, "training/debrief.html", debrief_context(play) | {"own": True})
        doc = engine.document(play.version.source)
        step = doc.step(play.current_step)
        last = None
        if play.path:
            entry = play.path[-1]
            last = doc.step(entry["step"]).choices[entry["choice"]]
        form = form or ChoiceForm(step=step)
        return render(
            request,
            "training/play.html",
            {
                "play": play,
                "doc": doc,
                "step": step,
                "form": form,
                "last": last,
                "number": len(play.path) + 1,
                "skills": SKILLS,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, selectors.own_play_get(user=request.user, pk=pk))

    def post(self, request, pk):
        play = selectors.own_play_get(user=request.user, pk=pk)
        if play.is_finished:
            return redirect("training:play", pk=play.pk)
        doc = engine.document(play.version.source)
        form = ChoiceForm(request.POST, step=doc.step(play.current_step))
        if form.is_valid():
            try:
                services.play_choose(
                    actor=request.user,
                    play=play,
                    step_id=form.cleaned_data["step"],
                    index=form.cleaned_data["choice"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("training:play", pk=play.pk)
        return self._render(request, play, form, status=400)
