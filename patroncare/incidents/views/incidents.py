"""Incident pages: report (on a phone, with a draft kept as you type), list, read, patterns, aftercare."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from patroncare.accounts.models import User
from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.files import serve_upload
from patroncare.core.forms import add_service_errors
from patroncare.incidents import events
from patroncare.libraries.calendar import today_in
from patroncare.libraries.selectors import branches_visible_to

from .. import extensions, selectors, services, writing_help
from ..forms import CheckInForm, DebriefForm, FollowUpAddForm, IncidentForm, PersonFormSet
from ..models import Attachment, Behaviour, Incident, Level
from ..permissions import (
    REPORTING_ROLES,
    IncidentCapabilities,
    can_list_incidents,
    can_manage_retention,
    can_record_debrief,
    can_report_incident,
    can_see_patterns,
)
from ..services import PersonEntry


class SystemTimeMixin:
    """Show and read times in the library system's own time zone."""

    def dispatch(self, request, *args, **kwargs):
        system = getattr(request.user, "library_system", None) if request.user.is_authenticated else None
        if system is None:
            return super().dispatch(request, *args, **kwargs)
        with timezone.override(system.zone):
            return super().dispatch(request, *args, **kwargs)


class IncidentView(SystemTimeMixin, PermissionRequiredMixin, View):
    permission = can_list_incidents


class IncidentListView(IncidentView):
    page_size = 50

    def get(self, request):
        filters = {
            "branch_id": request.GET.get("branch") or None,
            "level": request.GET.get("level", ""),
            "behaviour": request.GET.get("behaviour", ""),
        }
        if filters["level"] not in Level.values:
            filters["level"] = ""
        if filters["behaviour"] not in Behaviour.values:
            filters["behaviour"] = ""
        if filters["branch_id"] and not str(filters["branch_id"]).isdigit():
            filters["branch_id"] = None
        incidents = selectors.incident_list(user=request.user, **filters)[: self.page_size]
        events.incident_list_viewed(actor=request.user)
        context = {
            "incidents": incidents,
            "filters": filters,
            "levels": Level.choices,
            "behaviours": Behaviour.choices,
            "branches": branches_visible_to(user=request.user, roles=REPORTING_ROLES),
            "drafts": selectors.drafts_of(user=request.user),
            "can_patterns": can_see_patterns(request.user),
            "can_retention": can_manage_retention(request.user),
        }
        return render(request, "incidents/incident_list.html", context)


class IncidentReportView(IncidentView):
    permission = can_report_incident
    template_name = "incidents/incident_form.html"

    def _forms(self, request, data=None, files=None):
        branches = branches_visible_to(user=request.user, roles=REPORTING_ROLES).order_by("name")
        form = IncidentForm(data, files, user=request.user, branches=branches)
        people = PersonFormSet(data, prefix="people")
        return form, people

    def _render(self, request, form, people, status=200, flags=(), seen=()):
        draft = selectors.draft_for(
            user=request.user, key=request.GET.get("draft") or request.POST.get("draft_key")
        )
        context = {
            "form": form,
            "people": people,
            "draft": draft,
            "flags": flags,
            "seen": sorted(seen),
            "abuse_behaviours": ["abusive_language", "threats", "harassment"],
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        form, people = self._forms(request)
        return self._render(request, form, people)

    def post(self, request):
        form, people = self._forms(request, request.POST, request.FILES)
        seen = writing_help.parse_keys(request.POST.getlist("flagged_seen"))
        if form.is_valid() and people.is_valid():
            data = form.cleaned_data
            entries = [
                PersonEntry(
                    role=p["role"],
                    card_number=p["card_number"],
                    name=p["name"],
                    description=p["description"],
                    is_minor=p["is_minor"],
                )
                for p in people.cleaned_data
                if p.get("role")
            ]
            try:
                incident = services.incident_report(
                    actor=request.user,
                    branch=data["branch"],
                    location=data["location"],
                    occurred_at=data["occurred_at"],
                    summary=data["summary"],
                    narrative=data["narrative"],
                    behaviours=data["behaviours"],
                    rules=list(data["rules"]),
                    people=entries,
                    staff_involved=list(data["staff_involved"]),
                    actions=form.action_reports(),
                    injuries=data["injuries"],
                    damage=data["damage"],
                    files=data["files"],
                    follow_ups=data["follow_ups"].splitlines(),
                    flagged_seen=seen,
                    draft_key=_valid_key(request.POST.get("draft_key")),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Incident #%(number)s was reported. Thank you.") % {"number": incident.pk}
                )
                return redirect("incidents:detail", pk=incident.pk)
        flags = writing_help.check(request.POST.get("narrative", ""))
        return self._render(
            request,
            form,
            people,
            status=400,
            flags=flags,
            seen=seen | {(f.category, f.term.lower()) for f in flags},
        )


def _valid_key(value):
    import uuid

    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


class WritingHelpView(IncidentView):
    """htmx: the narrative's labels and judgements, with suggestions. Never blocks anything."""

    permission = can_report_incident

    def post(self, request):
        flags = writing_help.check(request.POST.get("narrative", ""))
        seen = writing_help.parse_keys(request.POST.getlist("flagged_seen")) | {
            (f.category, f.term.lower()) for f in flags
        }
        return render(request, "incidents/_writing_help.html", {"flags": flags, "seen": sorted(seen)})


class DraftSaveView(IncidentView):
    """htmx: keep what has been typed so far; answers with the draft's key and the time it was saved."""

    permission = can_report_incident

    def post(self, request):
        data = {key: values for key, values in request.POST.lists()}
        draft = services.draft_save(
            actor=request.user, key=_valid_key(request.POST.get("draft_key")), data=data
        )
        return render(request, "incidents/_draft_status.html", {"draft": draft})


class DraftDiscardView(IncidentView):
    permission = can_report_incident

    def post(self, request, key):
        services.draft_discard(actor=request.user, key=_valid_key(key))
        messages.success(request, _("The draft was discarded."))
        return redirect("incidents:list")


class IncidentDetailView(IncidentView):
    scoped_model = Incident

    def get(self, request, pk):
        incident = selectors.incident_get_for(user=request.user, pk=pk)
        events.incident_viewed(actor=request.user, incident=incident)
        return self._render(request, incident)

    def _render(self, request, incident, debrief_form=None, follow_up_form=None, status=200):
        debrief = getattr(incident, "debrief", None) if hasattr(incident, "debrief") else None
        user = request.user
        today = today_in(user.library_system)
        can = IncidentCapabilities.for_user(
            user, incident, may_exclude=extensions.may_exclude(user), has_debrief=debrief is not None
        )
        if can.add_follow_up and follow_up_form is None:
            follow_up_form = FollowUpAddForm(staff=selectors.assignable_staff(incident=incident))
        receipts = list(incident.alert_receipts.all())
        context = {
            "incident": incident,
            "subjects": selectors.subjects_of(incident),
            "can": can,
            "debrief": debrief,
            "debrief_form": debrief_form
            or DebriefForm(initial={"held_on": today, "version": debrief.version if debrief else 1}),
            "kept_flags": [f for f in incident.writing_flags.all() if f.kept],
            "removed_flags": [f for f in incident.writing_flags.all() if not f.kept],
            "follow_ups": [(f, f.is_overdue(today)) for f in incident.follow_ups.all()],
            "follow_up_form": follow_up_form if can.add_follow_up else None,
            "my_receipt": next((r for r in receipts if r.recipient_id == user.pk), None),
            "receipts": receipts if can.see_alert_receipts else [],
        }
        return render(request, "incidents/incident_detail.html", context, status=status)


class AttachmentDownloadView(IncidentView):
    """A file of an incident, for those who may read the incident; every download is audited."""

    scoped_model = Attachment
    scoped_system_field = "incident__system"

    def get(self, request, pk):
        attachment = selectors.attachment_get_for(user=request.user, pk=pk)
        events.attachment_opened(actor=request.user, attachment=attachment)
        return serve_upload(
            request,
            attachment.file,
            download_name=attachment.original_name,
            content_type=attachment.content_type,
        )


class DebriefView(ActionMixin, IncidentDetailView):
    def post(self, request, pk):
        incident = selectors.incident_get_for(user=request.user, pk=pk)
        debrief = getattr(incident, "debrief", None)
        if debrief is None or not can_record_debrief(request.user, incident):
            raise Http404
        form = DebriefForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                services.debrief_record(
                    actor=request.user, debrief=debrief, expected_version=values.pop("version"), **values
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The debrief was recorded."))
                return redirect("incidents:detail", pk=pk)
        return self._render(request, incident, debrief_form=form, status=400)


class CheckInView(SystemTimeMixin, PermissionRequiredMixin, View):
    """A private well-being check-in: its answers are seen only by the person and whom they choose."""

    permission = can_list_incidents

    def _colleagues(self, request):
        return (
            User.objects.filter(
                library_system_id=request.user.library_system_id,
                is_active=True,
                role_assignments__isnull=False,
            )
            .exclude(pk=request.user.pk)
            .distinct()
        )

    def get(self, request, pk):
        checkin = selectors.checkin_get_for(user=request.user, pk=pk)
        initial = {"feeling": checkin.feeling, "would_like": checkin.would_like, "version": checkin.version}
        form = CheckInForm(colleagues=self._colleagues(request), initial=initial)
        return render(request, "incidents/checkin.html", {"checkin": checkin, "form": form})

    def post(self, request, pk):
        checkin = selectors.checkin_get_for(user=request.user, pk=pk)
        form = CheckInForm(request.POST, colleagues=self._colleagues(request))
        if checkin.staff_member_id == request.user.pk and form.is_valid():
            try:
                services.checkin_answer(
                    actor=request.user,
                    checkin=checkin,
                    feeling=form.cleaned_data["feeling"],
                    would_like=form.cleaned_data["would_like"],
                    share_with=form.cleaned_data["share_with"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. Your answers are private."))
                return redirect("core:desk")
        if checkin.staff_member_id != request.user.pk:
            raise Http404
        return render(request, "incidents/checkin.html", {"checkin": checkin, "form": form}, status=400)


class PatternsView(IncidentView):
    permission = can_see_patterns

    def get(self, request):
        try:
            days = max(7, min(int(request.GET.get("days", 365)), 3 * 365))
        except ValueError:
            days = 365
        data = selectors.patterns(user=request.user, since=timezone.now() - timedelta(days=days))
        labels = dict(Behaviour.choices)
        for row in data["by_behaviour"]:
            row["label"] = labels.get(row["behaviour"], row["behaviour"])
        peak = max([row["n"] for row in data["by_hour"]] or [1])
        for row in data["by_hour"]:
            row["percent"] = round(100 * row["n"] / peak)
        return render(request, "incidents/patterns.html", {**data, "days": days})
