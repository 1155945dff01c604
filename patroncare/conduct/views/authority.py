"""Who may issue what length: the limit of every role and of the director, and the authority groups."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.core.access import ActionMixin
from patroncare.core.concurrency import STALE_EDIT_MESSAGE, StaleEditError
from patroncare.core.forms import add_service_errors
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.models import AuthorityGroup

from ..forms import AuthorityGroupForm, IssueLimitForm
from ..permissions import can_configure_conduct
from ._base import ConductView


class AuthorityView(ConductView):
    def _render(self, request, limit_form=None, status=200):
        system = request.user.library_system
        context = {
            "role_limits": rulebook_selectors.role_limits_of(system=system),
            "groups": rulebook_selectors.authority_groups_of(system=system),
            "can_edit": can_configure_conduct(request.user),
            "limit_form": limit_form or IssueLimitForm(prefix="limit"),
        }
        return render(request, "conduct/authority.html", context, status=status)

    def get(self, request):
        return self._render(request)


class IssueLimitView(ActionMixin, AuthorityView):
    permission = can_configure_conduct

    def post(self, request):
        form = IssueLimitForm(request.POST, prefix="limit")
        if form.is_valid():
            try:
                rulebook_services.issue_limit_set(
                    actor=request.user,
                    system=request.user.library_system,
                    role=form.cleaned_data["role"],
                    **form.limit_values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The limit was saved."))
                return redirect("conduct:authority")
        return self._render(request, limit_form=form, status=400)


class AuthorityGroupCreateView(ConductView):
    permission = can_configure_conduct

    def get(self, request):
        return _group_page(request, AuthorityGroupForm(system=request.user.library_system))

    def post(self, request):
        form = AuthorityGroupForm(request.POST, system=request.user.library_system)
        if form.is_valid():
            try:
                rulebook_services.authority_group_create(
                    actor=request.user, system=request.user.library_system, **form.service_values()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The group was added."))
                return redirect("conduct:authority")
        return _group_page(request, form, status=400)


class AuthorityGroupEditView(ConductView):
    permission = can_configure_conduct
    scoped_model = AuthorityGroup

    def get(self, request, pk):
        group = rulebook_selectors.authority_group_get(user=request.user, pk=pk)
        form = AuthorityGroupForm(instance=copy.copy(group), system=request.user.library_system)
        return _group_page(request, form, group=group)

    def post(self, request, pk):
        group = rulebook_selectors.authority_group_get(user=request.user, pk=pk)
        form = AuthorityGroupForm(request.POST, instance=copy.copy(group), system=request.user.library_system)
        if form.is_valid():
            try:
                rulebook_services.authority_group_update(
                    actor=request.user,
                    group=group,
                    expected_version=form.cleaned_data["version"],
                    **form.service_values(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The group was saved."))
                return redirect("conduct:authority")
        return _group_page(request, form, group=group, status=400)


class AuthorityGroupDeleteView(ActionMixin, ConductView):
    permission = can_configure_conduct
    scoped_model = AuthorityGroup

    def post(self, request, pk):
        group = rulebook_selectors.authority_group_get(user=request.user, pk=pk)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = 0
        try:
            rulebook_services.authority_group_delete(
                actor=request.user, group=group, expected_version=version
            )
        except StaleEditError:
            messages.error(request, STALE_EDIT_MESSAGE)
            return redirect("conduct:authority_group_edit", pk=group.pk)
        messages.success(request, _("The group was removed. Its members keep the limits of their roles."))
        return redirect("conduct:authority")


def _group_page(request, form, *, group=None, status=200):
    return render(request, "conduct/authority_group_form.html", {"form": form, "group": group}, status=status)
