"""Find help at the desk: a need, a language, open now; the resource's page; a slip to hand over."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from patroncare.accounts.models import User
from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors
from patroncare.libraries.calendar import today_in

from . import hsds, permissions, selectors, services
from .forms import SLIP_LANGUAGES, HelpFilterForm, PackageForm, ReferralForm, ResourceForm, SettingsForm
from .models import Resource


class HelpView(PermissionRequiredMixin, View):
    permission = permissions.can_find_help
    scoped_model = Resource


class FindHelpView(HelpView):
    def get(self, request):
        needs = list(selectors.categories(user=request.user))
        form = HelpFilterForm(request.GET or None, categories=needs)
        filters = selectors.HelpFilters()
        if form.is_bound and form.is_valid():
            filters = selectors.HelpFilters(
                need=form.cleaned_data["need"],
                language=form.cleaned_data["language"],
                open_now=form.cleaned_data["open_now"],
            )
        searched = form.is_bound and form.is_valid()
        resources = list(selectors.find_help(user=request.user, filters=filters)) if searched else []
        return render(
            request,
            "referrals/find_help.html",
            {
                "form": form,
                "needs": needs,
                "resources": resources,
                "searched": searched,
                "need": next((c for c in needs if c.slug == filters.need), None),
                "can_manage": permissions.can_manage_directory(request.user),
                "nav_current": "referrals",
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )


def _resource_context(request, resource, referral_form=None):
    needs = list(resource.categories.all()) or list(selectors.categories(user=request.user))
    branches = list(selectors.referral_branches(user=request.user))
    if referral_form is None:
        referral_form = ReferralForm(
            needs=needs,
            branches=branches,
            initial={"language": (translation.get_language() or "en")[:2]},
        )
    return {
        "resource": resource,
        "referral_form": referral_form,
        "can_record": bool(branches),
        "slip_languages": SLIP_LANGUAGES,
        "can_manage": permissions.can_manage_directory(request.user),
        "can_verify": permissions.can_verify(request.user, resource),
        "stale": resource.is_stale(today_in(request.user.library_system)),
        "nav_current": "referrals",
    }


class ResourceView(HelpView):
    def get(self, request, pk):
        resource = selectors.resource_get(user=request.user, pk=pk)
        return render(request, "referrals/resource.html", _resource_context(request, resource))


class RecordReferralView(ActionMixin, HelpView):
    def post(self, request, pk):
        resource = selectors.resource_get(user=request.user, pk=pk)
        needs = list(resource.categories.all()) or list(selectors.categories(user=request.user))
        branches = list(selectors.referral_branches(user=request.user))
        form = ReferralForm(request.POST, needs=needs, branches=branches)
        if form.is_valid():
            need = next(c for c in needs if str(c.pk) == form.cleaned_data["need"])
            branch = next(b for b in branches if str(b.pk) == form.cleaned_data["branch"])
            try:
                services.referral_record(
                    actor=request.user,
                    branch=branch,
                    need=need,
                    language=form.cleaned_data["language"],
                    resource=resource,
                    playbook_slug=request.POST.get("playbook", "")[:60],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The referral was counted. Nothing about the person was kept."))
                return redirect("referrals:resource", pk=resource.pk)
        return render(
            request, "referrals/resource.html", _resource_context(request, resource, form), status=400
        )


def qr_svg(address: str, label: str) -> str:
    import segno

    svg = segno.make(address, error="m").svg_inline(
        scale=3, light="#fff", title=label, lineclass=None, omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup


class SlipView(HelpView):
    """The referral slip: half a letter page (PDF, WeasyPrint) in the patron's language, with a QR code."""

    def get(self, request, pk):
        from weasyprint import HTML  # loading pango is only needed for the slip itself

        resource = selectors.resource_get(user=request.user, pk=pk)
        language = request.GET.get("language", "")
        if language not in dict(SLIP_LANGUAGES):
            language = (translation.get_language() or "en")[:2]
        with translation.override(language):
            html = render_to_string(
                "referrals/slip_pdf.html",
                {
                    "resource": resource,
                    "system": request.user.library_system,
                    "language": language,
                    "qr": qr_svg(resource.website, _("QR code of the web page")) if resource.website else "",
                },
            )
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="referral-{resource.pk}-{language}.pdf"'
        return response


class DirectoryView(HelpView):
    permission = permissions.can_manage_directory

    def get(self, request):
        today = today_in(request.user.library_system)
        rows = [(resource, resource.is_stale(today)) for resource in selectors.directory(user=request.user)]
        only_stale = request.GET.get("stale") == "1"
        if only_stale:
            rows = [row for row in rows if row[1]]
        return render(
            request,
            "referrals/directory.html",
            {
                "rows": rows,
                "only_stale": only_stale,
                "stale_count": sum(1 for _r, stale in rows if stale),
                "can_exchange": permissions.can_exchange_directory(request.user),
                "can_install": not selectors.categories(user=request.user).exists(),
                "nav_current": "referrals",
            },
        )


class InstallNeedsView(ActionMixin, HelpView):
    permission = permissions.can_exchange_directory

    def post(self, request):
        created = services.categories_install_standard(system=request.user.library_system)
        messages.success(request, _("%(count)s needs were added.") % {"count": len(created)})
        return redirect("referrals:directory")


def _owners(user):
    return User.objects.filter(library_system_id=user.library_system_id, is_active=True).order_by("full_name")


class ResourceEditView(HelpView):
    permission = permissions.can_manage_directory

    def _form(self, request, resource, data=None):
        return ResourceForm(
            data,
            instance=resource,
            categories=selectors.categories(user=request.user),
            owners=_owners(request.user),
        )

    def _render(self, request, form, resource, status=200):
        return render(
            request,
            "referrals/edit.html",
            {"form": form, "resource": resource, "nav_current": "referrals"},
            status=status,
        )

    def _resource(self, request, pk):
        if pk is None:
            return None
        return selectors.resource_get(user=request.user, pk=pk, include_unlisted=True)

    def get(self, request, pk=None):
        resource = self._resource(request, pk)
        form = self._form(request, resource)
        if resource is None:
            form.initial["version"] = 1
        return self._render(request, form, resource)

    def post(self, request, pk=None):
        resource = self._resource(request, pk)
        form = self._form(request, copy.copy(resource) if resource else None, request.POST)
        if form.is_valid():
            fields = form.service_fields()
            try:
                if resource is None:
                    saved = services.resource_create(
                        actor=request.user,
                        system=request.user.library_system,
                        categories=list(form.cleaned_data["categories"]),
                        hours=form.cleaned_data["hours"],
                        verified_on=today_in(request.user.library_system),
                        **fields,
                    )
                else:
                    saved = services.resource_update(
                        actor=request.user,
                        resource=resource,
                        expected_version=form.cleaned_data["version"],
                        categories=list(form.cleaned_data["categories"]),
                        hours=form.cleaned_data["hours"],
                        **fields,
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The resource was saved."))
                return (
                    redirect("referrals:resource", pk=saved.pk)
                    if saved.is_active
                    else redirect("referrals:directory")
                )
        return self._render(request, form, resource, status=400)


class VerifyView(ActionMixin, HelpView):
    permission = permissions.can_find_help

    def post(self, request, pk):
        resource = selectors.resource_get(user=request.user, pk=pk, include_unlisted=True)
        services.resource_verify(actor=request.user, resource=resource)
        messages.success(request, _("Marked as verified today."))
        return redirect("referrals:resource", pk=resource.pk)


class SettingsView(HelpView):
    permission = permissions.can_exchange_directory

    def get(self, request, form=None, status=200):
        if form is None:
            current = selectors.crisis_line(user=request.user)
            initial = {}
            if current is not None:
                initial = {
                    name: getattr(current, name)
                    for name in (
                        "crisis_line_name_en",
                        "crisis_line_name_es",
                        "crisis_line_phone",
                        "crisis_line_text",
                    )
                }
            form = SettingsForm(initial=initial)
        return render(
            request, "referrals/settings.html", {"form": form, "nav_current": "referrals"}, status=status
        )

    def post(self, request):
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.settings_update(
                    actor=request.user, system=request.user.library_system, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The crisis line was saved."))
                return redirect("referrals:directory")
        return self.get(request, form=form, status=400)


class ExportView(HelpView):
    permission = permissions.can_exchange_directory

    def get(self, request):
        data, count = hsds.export_package(system=request.user.library_system)
        services.directory_exported(actor=request.user, system=request.user.library_system, count=count)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="directory-hsds.zip"'
        return response


class ImportView(HelpView):
    permission = permissions.can_exchange_directory

    def get(self, request, form=None, report=None, status=200):
        return render(
            request,
            "referrals/import.html",
            {"form": form or PackageForm(), "report": report, "nav_current": "referrals"},
            status=status,
        )

    def post(self, request):
        form = PackageForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form=form, status=400)
        report = services.directory_import(
            actor=request.user, system=request.user.library_system, upload=form.cleaned_data["package"]
        )
        if report.errors:
            return self.get(request, form=form, report=report, status=400)
        messages.success(
            request,
            _("The directory was imported: %(created)s added, %(updated)s updated.")
            % {"created": report.created, "updated": report.updated},
        )
        return redirect("referrals:directory")
