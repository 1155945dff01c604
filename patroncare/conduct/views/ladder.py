"""The consequence ladder and its behaviour classes (who may issue what length: `authority`)."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.core.access import ActionMixin
from patroncare.core.forms import add_service_errors
from patroncare.rulebook import ladder_csv
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.models import BehaviourClass, LadderStep

from ..forms import (
    BehaviourClassForm,
    LadderChoiceFormSet,
    LadderStepForm,
)
from ..permissions import (
    can_configure_conduct,
)
from ._base import ConductView


def _posted_choice_forms(request, prefix, **kwargs):
    """The options as posted, or None when the post carries no options at all (a client that only knows
    the row's own fields): then the row's options stay as they are."""
    if f"{prefix}-TOTAL_FORMS" not in request.POST:
        return None
    return LadderChoiceFormSet(request.POST, prefix=prefix, **kwargs)


def _save_step(form, choice_forms, save) -> bool:
    """Validate the row and its options together and save them with `save(choices=..., **values)`; on a
    refusal the errors are on the forms (what was typed stays) and nothing is saved."""
    options_valid = choice_forms is None or choice_forms.is_valid()
    if not (form.is_valid() & options_valid):
        return False
    values = {name: form.cleaned_data[name] for name in LadderStepForm.Meta.fields}
    try:
        save(choices=choice_forms.choice_values() if choice_forms else None, **values)
    except ValidationError as error:
        if choice_forms and hasattr(error, "error_dict") and "choices" in error.error_dict:
            problems = [message for part in error.error_dict.pop("choices") for message in part.messages]
            choice_forms._non_form_errors = choice_forms.error_class(problems)
            error = ValidationError(error.error_dict) if error.error_dict else None
        if error is not None:
            add_service_errors(form, error)
        return False
    return True


class LadderView(ConductView):
    def _render(self, request, step_form=None, class_form=None, choice_forms=None, csv_errors=(), status=200):
        system = request.user.library_system
        context = {
            "steps": rulebook_selectors.ladder_of(system=system),
            "classes": rulebook_selectors.behaviour_classes_of(system=system),
            "class_form": class_form or BehaviourClassForm(system=system, prefix="class"),
            "can_edit": can_configure_conduct(request.user),
            "step_form": step_form or LadderStepForm(system=system, prefix="step"),
            "csv_errors": csv_errors,
            "csv_codes": ladder_csv.CODES,
            "csv_max_bytes": ladder_csv.MAX_UPLOAD_BYTES,
            "choice_forms": choice_forms or LadderChoiceFormSet(prefix="step-choices"),
        }
        return render(request, "conduct/ladder.html", context, status=status)

    def get(self, request):
        return self._render(request)


class LadderStepCreateView(ActionMixin, LadderView):
    permission = can_configure_conduct

    def post(self, request):
        system = request.user.library_system
        form = LadderStepForm(request.POST, system=system, prefix="step")
        choice_forms = _posted_choice_forms(request, "step-choices")

        def save(**values):
            rulebook_services.ladder_step_create(actor=request.user, system=system, **values)

        if _save_step(form, choice_forms, save):
            messages.success(request, _("The row was added to the ladder."))
            return redirect("conduct:ladder")
        return self._render(request, step_form=form, choice_forms=choice_forms, status=400)


class LadderStepEditView(ConductView):
    permission = can_configure_conduct
    scoped_model = LadderStep

    def get(self, request, pk):
        step = rulebook_selectors.ladder_step_get(user=request.user, pk=pk)
        form = LadderStepForm(instance=copy.copy(step), system=request.user.library_system)
        return self._render(request, step, form, LadderChoiceFormSet(instance=step, prefix="choices"))

    def post(self, request, pk):
        step = rulebook_selectors.ladder_step_get(user=request.user, pk=pk)
        form = LadderStepForm(request.POST, instance=copy.copy(step), system=request.user.library_system)
        choice_forms = _posted_choice_forms(request, "choices", instance=step)

        def save(**values):
            rulebook_services.ladder_step_update(
                actor=request.user, step=step, expected_version=form.cleaned_data["version"], **values
            )

        if _save_step(form, choice_forms, save):
            messages.success(request, _("The row was saved."))
            return redirect("conduct:ladder")
        choice_forms = choice_forms or LadderChoiceFormSet(instance=step, prefix="choices")
        return self._render(request, step, form, choice_forms, status=400)

    def _render(self, request, step, form, choice_forms, status=200):
        context = {"form": form, "step": step, "choice_forms": choice_forms}
        return render(request, "conduct/ladder_step_form.html", context, status=status)


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
            values = dict(form.cleaned_data)
            try:
                rulebook_services.behaviour_class_update(
                    actor=request.user,
                    behaviour_class=behaviour_class,
                    expected_version=values.pop("version"),
                    **values,
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
