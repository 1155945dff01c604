"""Training records: one's own, a person's (for their supervisor and trainers), a branch's, a CSV for HR."""

from django.shortcuts import render
from django.views import View

from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.export import csv_response
from patroncare.libraries.calendar import today_in
from patroncare.training import events

from .. import selectors
from ..models import Play
from ..permissions import can_practise, can_see_others_records
from ..records import summarise
from .play import debrief_context


class RecordsView(PermissionRequiredMixin, View):
    permission = can_practise

    def get(self, request):
        plays = list(selectors.person_plays(person=request.user))
        context = {
            "person": request.user,
            "plays": plays,
            "summary": summarise(plays),
            "own": True,
            "sessions": selectors.sessions_attended(person=request.user),
            "assignments": selectors.assignments_for(user=request.user).filter(assignee=request.user),
            "today": today_in(request.user.library_system),
        }
        if can_see_others_records(request.user):
            context["people"] = selectors.people_visible_to(user=request.user)
            context["branches"] = selectors.branches_for_records(user=request.user)
        return render(request, "training/records.html", context)


class PersonRecordsView(PermissionRequiredMixin, View):
    permission = can_practise

    def get(self, request, pk):
        person = selectors.person_get(user=request.user, pk=pk)
        plays = list(selectors.person_plays(person=person))
        if person != request.user:
            events.records_viewed(actor=request.user, person=person)
        return render(
            request,
            "training/records.html",
            {
                "person": person,
                "plays": plays,
                "summary": summarise(plays),
                "own": person == request.user,
                "sessions": selectors.sessions_attended(person=person),
                "assignments": selectors.assignments_for(user=request.user).filter(assignee=person),
                "today": today_in(request.user.library_system),
            },
        )


class BranchRecordsView(PermissionRequiredMixin, View):
    permission = can_see_others_records

    def get(self, request, pk):
        branch = selectors.branch_get_for_records(user=request.user, pk=pk)
        plays = list(selectors.finished_plays_at_branch(branch=branch))
        return render(
            request,
            "training/branch_records.html",
            {"branch": branch, "people": selectors.branch_people(branch=branch), "summary": summarise(plays)},
        )


class PlayRecordView(PermissionRequiredMixin, View):
    """Someone's finished play, for them, their supervisor and trainers."""

    permission = can_practise
    scoped_model = Play

    def get(self, request, pk):
        play = selectors.play_get_visible(user=request.user, pk=pk)
        if play.user_id != request.user.pk:
            events.answers_viewed(actor=request.user, play=play)
        return render(request, "training/debrief.html", debrief_context(play) | {"own": False})


CSV_HEADER = [
    "person",
    "email",
    "branch",
    "scenario",
    "language",
    "version",
    "started",
    "finished",
    "score",
    "max_score",
    "percent",
    "outcome",
]


class RecordsCsvView(PermissionRequiredMixin, View):
    permission = can_see_others_records

    def get(self, request):
        plays = (
            selectors.plays_visible_to(user=request.user)
            .filter(finished_at__isnull=False)
            .order_by("user__full_name", "finished_at")
        )
        rows = (
            [
                play.user.full_name,
                play.user.email,
                play.branch.name if play.branch else "",
                play.version.title,
                play.version.scenario.language,
                play.version.number,
                play.started_at.isoformat(),
                play.finished_at.isoformat(),
                play.score,
                play.max_score,
                play.percent,
                play.outcome,
            ]
            for play in plays.iterator(chunk_size=500)
        )
        response, count = csv_response("practice-records.csv", CSV_HEADER, rows)
        events.records_exported(actor=request.user, count=count)
        return response
