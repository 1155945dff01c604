"""The import steps for administrators: upload, columns, values, dry run, import with its progress, the
failed rows as CSV, undo. Each step is a page (GET) and a POST that calls one service and redirects."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from patroncare.core.access import ActionMixin, PermissionRequiredMixin
from patroncare.core.forms import add_service_errors

from . import selectors
from .forms import ColumnsForm, UploadForm, ValuesForm
from .models import ImportJob, ImportRun, JobState
from .permissions import can_import
from .services import IMPORTERS, Mapping, failed_rows_csv, import_undo, jobs, value_suggestions
from .values import date_formats_found

MAX_TEXTS_PER_FIELD = 200  # beyond this a column is free text, not a list of values to match


class ImportsView(PermissionRequiredMixin, View):
    permission = can_import

    def get(self, request, form=None, status=200):
        context = {
            "form": form or UploadForm(),
            "waiting": selectors.jobs_waiting(user=request.user),
            "runs": selectors.runs_of(user=request.user)[:50],
            "nav_current": "settings",
        }
        return render(request, "imports/index.html", context, status=status)


class UploadView(ActionMixin, ImportsView):
    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = jobs.job_upload(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    source=form.cleaned_data["source"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("imports:columns", pk=job.pk)
        return self.get(request, form=form, status=400)


class JobStepView(PermissionRequiredMixin, View):
    permission = can_import
    scoped_model = ImportJob

    def job(self, request, pk) -> ImportJob:
        return selectors.job_get_for(user=request.user, pk=pk)

    def page(self, request, job, template, status=200, **context):
        context = {"job": job, "importer": IMPORTERS[job.kind], "nav_current": "settings", **context}
        return render(request, template, context, status=status)

    def started(self, job) -> bool:
        return job.state != JobState.MAPPING


def _defaults_choices(job) -> dict:
    importer = IMPORTERS[job.kind]
    choices = importer.choices(job.system)
    out = {}
    for name in importer.defaults:
        if name == "language":
            out[name] = (_("Language the file is written in"), settings.LANGUAGES)
        else:
            label = _("%(field)s when the row does not say") % {"field": importer.labels[name]}
            out[name] = (label, sorted(choices.get(name, {}).items(), key=lambda item: str(item[1])))
    return out


class ColumnsView(JobStepView):
    def get(self, request, pk, form=None, status=200):
        job = self.job(request, pk)
        if self.started(job):
            return redirect("imports:job", pk=job.pk)
        if form is None:
            mapping = Mapping.from_dict(job.mapping)
            initial = {f"col_{k}": v for k, v in mapping.columns.items()}
            initial |= {f"default_{k}": v for k, v in mapping.defaults.items()} | {"row_key": mapping.row_key}
            form = self.form(job, initial=initial)
        table = jobs.job_table(job)
        sample = [row for _n, row in table.rows[:3]]
        return self.page(
            request, job, "imports/columns.html", status, form=form, sample=sample, header=table.header
        )

    def form(self, job, **kwargs):
        return ColumnsForm(
            importer=IMPORTERS[job.kind],
            header=job.mapping.get("header", []),
            defaults_choices=_defaults_choices(job),
            **kwargs,
        )

    def post(self, request, pk):
        job = self.job(request, pk)
        form = self.form(job, data=request.POST)
        if form.is_valid():
            try:
                jobs.job_set_columns(
                    actor=request.user,
                    job=job,
                    columns=form.columns(IMPORTERS[job.kind]),
                    row_key=form.cleaned_data["row_key"],
                    defaults=form.defaults(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("imports:values", pk=job.pk)
        return self.get(request, pk, form=form, status=400)


def _value_groups(job) -> list:
    importer = IMPORTERS[job.kind]
    mapping = Mapping.from_dict(job.mapping)
    table = jobs.job_table(job)
    found = value_suggestions(system=job.system, table=table, mapping=mapping, kind=job.kind)
    choices = importer.choices(job.system)
    groups = []
    for name, texts in found.items():
        if texts and len(texts) <= MAX_TEXTS_PER_FIELD:
            options = sorted(choices[name].items(), key=lambda item: str(item[1]))
            groups.append((name, importer.labels[name], options, texts))
    return groups


class ValuesView(JobStepView):
    def get(self, request, pk, form=None, status=200):
        job = self.job(request, pk)
        if self.started(job):
            return redirect("imports:job", pk=job.pk)
        form = form or ValuesForm(groups=_value_groups(job))
        return self.page(request, job, "imports/values.html", status, form=form)

    def post(self, request, pk):
        job = self.job(request, pk)
        form = ValuesForm(request.POST, groups=_value_groups(job))
        if form.is_valid():
            try:
                jobs.job_set_values(actor=request.user, job=job, values=form.values())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("imports:preview", pk=job.pk)
        return self.get(request, pk, form=form, status=400)


class PreviewView(JobStepView):
    """The dry run: everything done and rolled back, what would be made and every row error."""

    def get(self, request, pk):
        job = self.job(request, pk)
        if self.started(job):
            return redirect("imports:job", pk=job.pk)
        try:
            report = jobs.job_dry_run(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports:columns", pk=job.pk)
        table = jobs.job_table(job)
        importer = IMPORTERS[job.kind]
        mapping = Mapping.from_dict(job.mapping)
        dates = []
        for name in importer.fields:
            column = mapping.columns.get(name)
            if column and name.endswith(("_at", "_date", "_on")):
                texts = [row.get(column, "") for _n, row in table.rows]
                dates.append((importer.labels[name], column, date_formats_found(texts)))
        return self.page(request, job, "imports/preview.html", report=report, dates=dates)


class StartView(ActionMixin, JobStepView):
    def post(self, request, pk):
        job = self.job(request, pk)
        try:
            jobs.job_start(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("imports:job", pk=job.pk)


class DiscardView(ActionMixin, JobStepView):
    def post(self, request, pk):
        job = self.job(request, pk)
        try:
            jobs.job_discard(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports:job", pk=job.pk)
        messages.success(request, _("The file was discarded; nothing of it is kept."))
        return redirect("imports:index")


class JobView(JobStepView):
    """The import's progress (the fragment is asked for again every two seconds while it runs), then its
    report."""

    def get(self, request, pk):
        job = self.job(request, pk)
        context = {"done": jobs.job_progress(job), "run": job.run}
        if request.htmx:
            return self.page(request, job, "imports/_progress.html", **context)
        return self.page(request, job, "imports/job.html", **context)


class RunView(PermissionRequiredMixin, View):
    permission = can_import
    scoped_model = ImportRun

    def run(self, request, pk) -> ImportRun:
        return selectors.run_get_for(user=request.user, pk=pk)


class FailedRowsView(RunView):
    def get(self, request, pk):
        run = self.run(request, pk)
        job = selectors.job_of_run(run=run)
        # The file's own order of columns (a JSON object in PostgreSQL keeps no order of its keys).
        header = list(job.mapping.get("header", [])) if job else []
        for error in run.errors:
            header.extend(name for name in error["values"] if name not in header)
        response = HttpResponse(failed_rows_csv(run, header), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-failed-rows.csv"'
        response["Cache-Control"] = "no-store, private"
        return response


class UndoView(ActionMixin, RunView):
    def post(self, request, pk):
        run = self.run(request, pk)
        try:
            removed = import_undo(actor=request.user, run=run)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The import was undone: %(count)s records removed.") % {"count": removed}
            )
        return redirect("imports:index")
