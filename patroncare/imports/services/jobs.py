"""The browser's steps of an import: the upload, the columns and values a person confirms, the dry run, and
the import itself in the task engine, its progress told through the cache (the import is one transaction,
so a count kept in the database would be seen only at its end)."""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.core.files import delete_after_commit

from ..models import ColumnMapping, ImportJob, JobState
from ..permissions import can_import
from ..reading import MAX_BYTES, Table, read_table
from . import IMPORTERS, Mapping, import_records

PROGRESS_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


def progress_key(job: ImportJob) -> str:
    return f"imports:job:{job.pk}:done"


def job_progress(job: ImportJob) -> int:
    """Rows handled so far by a running import (all of them once it has finished)."""
    if job.state == JobState.FINISHED:
        return job.total
    return int(cache.get(progress_key(job), 0))


def job_table(job: ImportJob) -> Table:
    with job.file.open("rb") as handle:
        return read_table(handle.read(), job.file_name)


@transaction.atomic
def job_upload(*, actor, kind: str, source: str, upload) -> ImportJob:
    """Keep an uploaded file for the next steps, once it is known to be a CSV or XLSX we can read."""
    refuse_unless(can_import(actor), _("Only an administrator imports records."))
    if kind not in IMPORTERS:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB. Split it and import each part.")})
    raw = upload.read()
    table = read_table(raw, upload.name)  # the type is checked by content, and the file must be readable
    if not table.rows:
        raise ValidationError({"file": _("The file has a header but no rows to import.")})
    source = source.strip()[:80]
    remembered = ColumnMapping.objects.filter(system=actor.library_system, kind=kind, source=source).first()
    mapping = dict(remembered.mapping) if remembered else {"columns": guess_columns(kind, table.header)}
    job = ImportJob(
        system=actor.library_system,
        kind=kind,
        source=source,
        file_name=upload.name[:200],
        created_by=actor,
        total=len(table.rows),
        mapping={**mapping, "source": source, "header": table.header},
    )
    job.file.save("upload", ContentFile(raw), save=False)
    job.full_clean()
    job.save()
    return job


# The titles forms and spreadsheets give these fields (English and Spanish), looked for in a column's title.
TITLE_WORDS = {
    "occurred_at": ("timestamp", "date", "when", "fecha"),
    "received_at": ("timestamp", "received", "date", "fecha"),
    "start_date": ("banned", "start", "from", "date", "desde"),
    "end_date": ("ends", "until", "end", "expires", "hasta"),
    "narrative": ("what happened", "description", "details", "narrative", "comments", "feedback", "qué pasó"),
    "reason": ("reason", "why", "motivo", "what happened"),
    "branch": ("branch", "library", "sucursal", "biblioteca"),
    "location": ("where", "location", "area", "dónde"),
    "behaviours": ("behavio", "type", "kind", "conducta"),
    "person_name": ("name", "nombre", "patron"),
    "card_number": ("card", "tarjeta"),
    "organisation": ("organization", "organisation", "agency", "organización"),
    "categories": ("need", "category", "categories", "type"),
    "patron_email": ("email", "e-mail", "correo"),
}


def guess_columns(kind: str, header: list[str]) -> dict[str, str]:
    """A first guess of each field's column, for the person to check: a title with a word forms use for the
    field, else the title most like the field's name."""
    from ..values import suggest

    importer = IMPORTERS[kind]
    guessed: dict[str, str] = {}
    for name in importer.fields:
        free = [h for h in header if h not in guessed.values()]
        for word in TITLE_WORDS.get(name, ()):
            found = next((h for h in free if word in h.lower()), None)
            if found:
                guessed[name] = found
                break
        else:
            found = suggest(str(importer.labels[name]), {h: h for h in free}, cutoff=0.8)
            if found:
                guessed[name] = found
    return guessed


def _editable(job: ImportJob) -> None:
    if job.state != JobState.MAPPING:
        raise ValidationError(_("This import has started; upload the file again to change it."))


@transaction.atomic
def job_set_columns(*, actor, job: ImportJob, columns: dict, row_key: str, defaults: dict) -> ImportJob:
    refuse_unless(can_import(actor) and job.system_id == actor.library_system_id, _("You may not do this."))
    _editable(job)
    mapping = Mapping.from_dict({**job.mapping, "columns": columns, "row_key": row_key, "defaults": defaults})
    from . import check_mapping

    check_mapping(kind=job.kind, table=Table(header=job.mapping.get("header", []), rows=[]), mapping=mapping)
    job.mapping = {**job.mapping, **mapping.as_dict()}
    job.save(update_fields=["mapping"])
    return job


@transaction.atomic
def job_set_values(*, actor, job: ImportJob, values: dict, default_behaviour: str = "") -> ImportJob:
    refuse_unless(can_import(actor) and job.system_id == actor.library_system_id, _("You may not do this."))
    _editable(job)
    job.mapping = {**job.mapping, "values": values}
    if default_behaviour:
        job.mapping["default_behaviour"] = default_behaviour
    job.save(update_fields=["mapping"])
    return job


def job_dry_run(*, actor, job: ImportJob):
    """What the import would make and every row error, with nothing kept."""
    refuse_unless(can_import(actor) and job.system_id == actor.library_system_id, _("You may not do this."))
    return import_records(
        actor=actor,
        kind=job.kind,
        table=job_table(job),
        mapping=Mapping.from_dict(job.mapping),
        file_name=job.file_name,
        dry_run=True,
    )


@transaction.atomic
def job_start(*, actor, job: ImportJob) -> ImportJob:
    """Queue the import in the task engine (run at once where there is no broker)."""
    from ..tasks import run_import

    refuse_unless(can_import(actor) and job.system_id == actor.library_system_id, _("You may not do this."))
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _editable(job)
    job.state = JobState.QUEUED
    job.save(update_fields=["state"])
    transaction.on_commit(lambda: run_import.delay(job_id=job.pk))
    return job


def job_run(*, job_id: int) -> None:
    """The task's work: the import as the person who started it, then the file is deleted (what failed is
    kept in the run's report)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return  # a task delivered twice does nothing the second time
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    cache.set(progress_key(job), 0, PROGRESS_SECONDS)
    try:
        run = import_records(
            actor=job.created_by,
            kind=job.kind,
            table=job_table(job),
            mapping=Mapping.from_dict(job.mapping),
            file_name=job.file_name,
            progress=lambda done: (
                cache.set(progress_key(job), done, PROGRESS_SECONDS) if done % 50 == 0 else None
            ),
        )
    except ValidationError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, failure=" ".join(error.messages)[:300]
        )
        return
    except Exception:
        # The import rolled back whole; the page must not wait for ever on a run that stopped.
        logger.exception("import job %s stopped", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED,
            failure=_("The import stopped on an unexpected error; nothing was imported."),
        )
        return
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.FINISHED, run=run)
        delete_after_commit([job.file])
        ImportJob.objects.filter(pk=job.pk).update(file="")
    cache.delete(progress_key(job))


@transaction.atomic
def job_discard(*, actor, job: ImportJob) -> None:
    """Drop a file that was uploaded and not imported (or whose import stopped): nothing of it is kept."""
    refuse_unless(can_import(actor) and job.system_id == actor.library_system_id, _("You may not do this."))
    refuse_unless(
        job.state in (JobState.MAPPING, JobState.FAILED),
        _("An import that was made is undone, not discarded."),
    )
    delete_after_commit([job.file])
    job.delete()
