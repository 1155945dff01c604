"""Administrators manage the staff of their own library system."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.accounts import events
from patroncare.core.access import PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.libraries.models import Branch

from . import selectors, services
from .forms import RoleFormSet, StaffForm
from .models import Role, User
from .permissions import can_manage_staff, can_reset_two_factor_of, has_two_factor_device


class StaffListView(PermissionRequiredMixin, View):
    permission = can_manage_staff

    def get(self, request):
        search = request.GET.get("q", "").strip()[:100]
        role = request.GET.get("role", "") if request.GET.get("role") in Role.values else ""
        branch_id = request.GET.get("branch", "")
        branch_id = int(branch_id) if branch_id.isdigit() else None
        staff = selectors.staff_list_for(user=request.user, search=search, role=role, branch_id=branch_id)
        page = Paginator(staff, 50).get_page(request.GET.get("page"))
        context = {
            "page": page,
            "q": search,
            "role": role,
            "branch_id": branch_id,
            "roles": Role.choices,
            "branches": Branch.objects.filter(system_id=request.user.library_system_id).order_by("name"),
        }
        return render(request, "accounts/staff_list.html", context)


class StaffCreateView(PermissionRequiredMixin, View):
    permission = can_manage_staff
    template_name = "accounts/staff_form.html"

    def _formset(self, request, data=None):
        return RoleFormSet(data, prefix="roles", form_kwargs={"system": request.user.library_system})

    def get(self, request):
        context = {"form": StaffForm(), "formset": self._formset(request), "creating": True}
        return render(request, self.template_name, context)

    def post(self, request):
        form, formset = StaffForm(request.POST), self._formset(request, request.POST)
        if not (form.is_valid() and formset.is_valid()):
            context = {"form": form, "formset": formset, "creating": True}
            return render(request, self.template_name, context, status=400)
        user = services.staff_create(
            actor=request.user,
            system=request.user.library_system,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            roles=formset.assignments(),
            invite_base_url=services.site_base_url(request),
        )
        messages.success(
            request, _("%(name)s was added and invited by e-mail to choose a password.") % {"name": user}
        )
        return redirect("accounts:staff_edit", pk=user.pk)


class StaffEditView(PermissionRequiredMixin, View):
    permission = can_manage_staff
    scoped_model = User
    scoped_system_field = "library_system"
    template_name = "accounts/staff_form.html"

    def _formset(self, request, member, data=None):
        initial = [
            {"role": a.role, "branch": a.branch} for a in member.role_assignments.select_related("branch")
        ]
        return RoleFormSet(
            data, prefix="roles", initial=initial, form_kwargs={"system": request.user.library_system}
        )

    def get(self, request, pk):
        member = selectors.staff_get(user=request.user, pk=pk)
        events.staff_viewed(actor=request.user, member=member)
        context = {
            "form": StaffForm(instance=member),
            "formset": self._formset(request, member),
            "member": member,
        }
        return render(request, self.template_name, context | _two_factor_context(request.user, member))

    def post(self, request, pk):
        member = selectors.staff_get(user=request.user, pk=pk)
        form = StaffForm(request.POST, instance=selectors.staff_get(user=request.user, pk=pk))
        formset = self._formset(request, member, request.POST)
        if not (form.is_valid() and formset.is_valid()):
            context = {"form": form, "formset": formset, "member": member}
            context |= _two_factor_context(request.user, member)
            return render(request, self.template_name, context, status=400)
        if member.pk == request.user.pk and not form.cleaned_data["is_active"]:
            form.add_error("is_active", _("You cannot deactivate your own account."))
            context = {"form": form, "formset": formset, "member": member}
            context |= _two_factor_context(request.user, member)
            return render(request, self.template_name, context, status=400)
        try:
            services.staff_update(
                actor=request.user,
                user=member,
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
                is_active=form.cleaned_data["is_active"],
                roles=formset.assignments(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            context = {"form": form, "formset": formset, "member": member}
            context |= _two_factor_context(request.user, member)
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("The changes to %(name)s were saved.") % {"name": member})
        return redirect("accounts:staff_list")


class StaffTwoFactorResetView(PermissionRequiredMixin, View):
    """Remove the device of someone who lost their phone; they set up a new one at their next sign-in."""

    permission = can_manage_staff
    scoped_model = User
    scoped_system_field = "library_system"
    http_method_names = ["post", "options"]

    def post(self, request, pk):
        member = selectors.staff_get(user=request.user, pk=pk)
        try:
            services.two_factor_reset(actor=request.user, user=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Two-factor sign-in of %(name)s was reset. They set up a new device at their next sign-in.")
                % {"name": member},
            )
        return redirect("accounts:staff_edit", pk=member.pk)


def _two_factor_context(actor, member) -> dict:
    return {
        "member_has_device": has_two_factor_device(member),
        "can_reset_two_factor": can_reset_two_factor_of(actor, member),
        "is_own_account": actor.pk == member.pk,
    }
