from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.concurrency import StaleEditError
from patroncare.core.forms import add_service_errors
from patroncare.patrons.models import Person
from patroncare.patrons.selectors import person_get_for_rights
from patroncare.patrons.services import person_erase

from . import registry, selectors, services
from .forms import HoldForm, ReleaseForm, RuleForm
from .models import LegalHold
from .permissions import can_change_schedule, can_erase_people, can_manage_holds, can_view_schedule


def _rule_form(kind, rule, data=None) -> RuleForm:
    initial = {
        "keep_number": rule.keep_number,
        "keep_unit": rule.keep_unit,
        "action": rule.action,
        "version": rule.version if rule.pk else 0,
    }
    return RuleForm(data, kind=kind, initial=initial)


class ScheduleView(PermissionRequiredMixin, View):
    permission = can_view_schedule

    def get(self, request, failed=None, status=200):
        system = request.user.library_system
        editable = can_change_schedule(request.user)
        lines = []
        for line in selectors.schedule_of(system=system):
            form = None
            if editable and not line.kind.is_person:
                form = failed if failed and failed.prefix == line.kind.code.replace(".", "-") else None
                form = form or _rule_form(line.kind, line.rule)
            lines.append((line, form))
        context = {
            "lines": lines,
            "editable": editable,
            "runs": selectors.recent_runs(system=system),
            "can_hold": can_manage_holds(request.user),
            "look_ahead": selectors.LOOK_AHEAD_DAYS,
        }
        return render(request, "retention/schedule.html", context, status=status)


class RuleUpdateView(ActionMixin, ScheduleView):
    permission = can_change_schedule

    def post(self, request, code):
        try:
            kind = registry.record_type(code)
        except KeyError:
            raise Http404 from None
        if kind.is_person:
            raise Http404
        system = request.user.library_system
        rule = selectors.rule_for(system=system, record_type=code)
        form = _rule_form(kind, rule, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.retention_rule_update(
                    actor=request.user,
                    rule=rule,
                    expected_version=data["version"] or 0,
                    keep_number=data["keep_number"],
                    keep_unit=data["keep_unit"],
                    action=data["action"],
                )
            except StaleEditError as error:
                form.add_error(None, error)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The schedule for %(kind)s was saved.") % {"kind": kind.label})
                return redirect("retention:schedule")
        return self.get(request, failed=form, status=400)


class HoldListView(PermissionRequiredMixin, View):
    permission = can_manage_holds

    def get(self, request, form=None, status=200):
        system = request.user.library_system
        context = {
            "holds": selectors.holds_of(system=system),
            "released": selectors.holds_of(system=system, in_force=False),
            "form": form or HoldForm(system=system),
            "release_form": ReleaseForm(),
        }
        return render(request, "retention/holds.html", context, status=status)

    def post(self, request):
        system = request.user.library_system
        form = HoldForm(request.POST, system=system)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.legal_hold_place(
                    actor=request.user,
                    system=system,
                    record_type=data["record_type"],
                    record_id=data["record_id"],
                    reason=data["reason"],
                    review_on=data["review_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The hold is in force: nothing it covers will be purged."))
                return redirect("retention:holds")
        return self.get(request, form=form, status=400)


class HoldReleaseView(ActionMixin, PermissionRequiredMixin, View):
    permission = can_manage_holds
    scoped_model = LegalHold

    def post(self, request, pk):
        hold = selectors.hold_get_for(system=request.user.library_system, pk=pk)
        form = ReleaseForm(request.POST)
        if form.is_valid():
            try:
                services.legal_hold_release(
                    actor=request.user, hold=hold, note=form.cleaned_data["release_note"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The hold was released."))
        else:
            messages.error(request, _("Say why the hold is released."))
        return redirect("retention:holds")


class PersonEraseView(PermissionRequiredMixin, View):
    """An erasure request: what the library must still keep about the person, each with its rule, or the
    erasure of their identity when nothing is kept."""

    permission = can_erase_people
    scoped_model = Person

    def _page(self, request, person, status=200):
        kept = selectors.kept_for_person(system=request.user.library_system, person_id=person.pk)
        return render(request, "retention/erase.html", {"person": person, "kept": kept}, status=status)

    def get(self, request, pk):
        person = person_get_for_rights(user=request.user, pk=pk)
        return self._page(request, person)

    def post(self, request, pk):
        person = person_get_for_rights(user=request.user, pk=pk)
        kept = selectors.kept_for_person(system=request.user.library_system, person_id=person.pk)
        try:
            person_erase(actor=request.user, person=person, kept=kept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self._page(request, person, status=400)
        messages.success(request, _("The person's identity was erased."))
        return redirect("patrons:detail", pk=person.pk)
