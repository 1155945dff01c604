"""Trainers write scenarios in the browser or as files, publish versions, and start drafts from real cases."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import PermissionRequiredMixin

from .. import engine, selectors, services
from ..forms import CaseDraftForm, DraftEditForm, ImportForm, PublishForm, ScenarioTextForm
from ..material import closed_cases_for_practice, practice_material, practice_material_read
from ..models import Scenario, ScenarioVersion
from ..permissions import can_author
from ..scenario_format import FORMAT


class AuthorView(PermissionRequiredMixin, View):
    permission = can_author


class VersionScoped(AuthorView):
    scoped_model = ScenarioVersion
    scoped_system_field = "scenario__system"


def _errors(form, error: ValidationError):
    for message in error.messages:
        form.add_error(None, message)


class AuthorListView(AuthorView):
    def get(self, request):
        return render(
            request,
            "training/author_list.html",
            {
                "scenarios": selectors.scenarios_for_author(user=request.user),
                "starter_count": len(services.starter_files()),
            },
        )


class StarterLibraryView(AuthorView):
    def post(self, request):
        added = services.starter_library_add(actor=request.user)
        messages.success(request, _("%(count)s starter scenarios were added.") % {"count": added})
        return redirect("training:author")


NEW_TEMPLATE = f'''format = "{FORMAT}"
slug = "my-scenario"
language = "en"
title = ""
summary = ""
start = "start"

[[step]]
id = "start"
setting = ""
patron = ""
says = ""

[[step.choice]]
text = ""
next = "good-ending"
skill = "listen"
score = 2
feedback = ""

[[step.choice]]
text = ""
next = "poor-ending"
skill = "feelings_first"
score = 0
feedback = ""

[[step]]
id = "good-ending"
ending = "good"
says = ""

[[step]]
id = "poor-ending"
ending = "poor"
says = ""
'''


class NewScenarioView(AuthorView):
    def get(self, request):
        return render(
            request,
            "training/author_new.html",
            {"form": ScenarioTextForm(initial={"source": NEW_TEMPLATE}), "import_form": ImportForm()},
        )

    def post(self, request):
        form = ScenarioTextForm(request.POST)
        if form.is_valid():
            try:
                version = services.scenario_import(actor=request.user, text=form.cleaned_data["source"])
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("training:version", pk=version.pk)
        return render(
            request, "training/author_new.html", {"form": form, "import_form": ImportForm()}, status=400
        )


class ImportView(AuthorView):
    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.scenario_import(actor=request.user, text=form.cleaned_data["file"])
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("The file was imported as a draft."))
                return redirect("training:version", pk=version.pk)
        return render(
            request,
            "training/author_new.html",
            {"form": ScenarioTextForm(initial={"source": NEW_TEMPLATE}), "import_form": form},
            status=400,
        )


class VersionView(VersionScoped):
    """A version: a draft is edited here; a published version is read-only."""

    def _render(self, request, version, form=None, status=200):
        if form is None and not version.is_published:
            form = DraftEditForm(initial={"source": version.source, "version": version.version})
        versions = version.scenario.versions.order_by("-number")
        doc = engine.document(version.source)
        return render(
            request,
            "training/version.html",
            {
                "version": version,
                "form": form,
                "versions": versions,
                "publish_form": PublishForm(),
                "doc": doc,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, selectors.version_get_for_author(user=request.user, pk=pk))

    def post(self, request, pk):
        version = selectors.version_get_for_author(user=request.user, pk=pk)
        form = DraftEditForm(request.POST)
        if form.is_valid():
            try:
                services.draft_update(
                    actor=request.user,
                    version=version,
                    text=form.cleaned_data["source"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("The draft was saved."))
                return redirect("training:version", pk=version.pk)
        version.refresh_from_db()
        return self._render(request, version, form, status=400)


class EditScenarioView(AuthorView):
    scoped_model = Scenario

    def post(self, request, pk):
        scenario = selectors.scenario_get_for_author(user=request.user, pk=pk)
        draft = services.draft_start(actor=request.user, scenario=scenario)
        return redirect("training:version", pk=draft.pk)


class ExportView(VersionScoped):
    def get(self, request, pk):
        version = selectors.version_get_for_author(user=request.user, pk=pk)
        response = HttpResponse(
            services.version_export(actor=request.user, version=version),
            content_type="application/toml; charset=utf-8",
        )
        name = f"{version.scenario.slug}.{version.scenario.language}.v{version.number}.toml"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PublishView(VersionScoped):
    def post(self, request, pk):
        version = selectors.version_get_for_author(user=request.user, pk=pk)
        form = PublishForm(request.POST)
        form.is_valid()
        try:
            services.version_publish(
                actor=request.user, version=version, reviewed=form.cleaned_data.get("reviewed", False)
            )
        except ValidationError as error:
            return render(
                request,
                "training/version.html",
                {
                    "version": version,
                    "versions": version.scenario.versions.order_by("-number"),
                    "form": DraftEditForm(initial={"source": version.source, "version": version.version}),
                    "publish_form": form,
                    "publish_errors": error.messages,
                    "doc": engine.document(version.source),
                },
                status=400,
            )
        messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
        return redirect("training:version", pk=version.pk)


class CaseDraftView(AuthorView):
    """A draft from a pasted narrative, or from a closed complaint the trainer never has to open."""

    def _render(self, request, form, status=200):
        context = {
            "form": form,
            "closed_complaints": closed_cases_for_practice("complaint", user=request.user)[:50],
            "closed_incidents": closed_cases_for_practice("incident", user=request.user)[:50],
        }
        return render(request, "training/case_draft.html", context, status=status)

    def get(self, request):
        return self._render(request, CaseDraftForm())

    def post(self, request):
        form = CaseDraftForm(request.POST)
        if form.is_valid():
            try:
                version = services.case_draft_create(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    narrative=form.cleaned_data["narrative"],
                    language=form.cleaned_data["language"],
                    **form.lists(),
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                return _draft_made(request, version)
        return self._render(request, form, status=400)


class CaseMaterialDraftView(AuthorView):
    """A draft from a closed complaint or incident, built from the material its own app hands over."""

    source = ""  # "complaint" or "incident", registered by its own app

    def post(self, request, pk):
        material = practice_material(self.source, user=request.user, pk=pk)
        practice_material_read(self.source, actor=request.user, pk=pk)
        version = services.case_draft_create(
            actor=request.user,
            title=material.title,
            narrative=material.narrative,
            language=material.language,
            names=material.names,
            places=material.places,
            card_numbers=material.card_numbers,
        )
        return _draft_made(request, version)


class ComplaintDraftView(CaseMaterialDraftView):
    source = "complaint"


class IncidentDraftView(CaseMaterialDraftView):
    source = "incident"


def _draft_made(request, version):
    messages.success(
        request, _("The draft was made with identifying details removed. Review it before publishing.")
    )
    return redirect("training:version", pk=version.pk)
