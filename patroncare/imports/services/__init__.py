"""Importing a library's old spreadsheets, each kind through its own app's services.

Every row becomes a record by the owning app's service (`incident_report`, `exclusion_issue`,
`complaint_record`, `resource_create`), so every rule of the page holds and nothing is written twice here.
A row is keyed by its source and a row key; a key already imported is skipped, so the same file imported
again changes nothing. Each row is its own savepoint inside one transaction: a row that fails leaves nothing
behind, and an error in the middle leaves no part import.
"""

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.core.export import FormulaSafeWriter

from .. import events
from ..models import ColumnMapping, ImportedRow, ImportRun, Kind, RunStatus
from ..permissions import can_import, can_undo_import
from ..reading import Table
from ..values import parse_day, parse_moment, suggest
from . import complaints, exclusions, incidents, resources
from .common import Importer, split_values

IMPORTERS: dict[str, Importer] = {
    Kind.INCIDENTS: incidents.IMPORTER,
    Kind.EXCLUSIONS: exclusions.IMPORTER,
    Kind.COMPLAINTS: complaints.IMPORTER,
    Kind.RESOURCES: resources.IMPORTER,
}
# Kept for the callers that knew only incidents.
FIELDS = incidents.IMPORTER.fields
REQUIRED = incidents.IMPORTER.required


@dataclass
class Mapping:
    """Which column holds each field, which column keys a row, the values confirmed by a person and the
    defaults for what the file does not say (`default_behaviour`, `default_branch`)."""

    source: str
    columns: dict[str, str]
    row_key: str = ""
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    default_behaviour: str = "rudeness"
    defaults: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Mapping":
        return cls(
            source=str(data["source"]).strip()[:80],
            columns={str(k): str(v or "") for k, v in dict(data.get("columns", {})).items()},
            row_key=str(data.get("row_key", "") or ""),
            values={
                k: {str(a): str(b) for a, b in dict(v).items() if b}
                for k, v in data.get("values", {}).items()
            },
            default_behaviour=data.get("default_behaviour", "rudeness") or "rudeness",
            defaults={str(k): str(v) for k, v in dict(data.get("defaults", {})).items() if v},
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "columns": self.columns,
            "row_key": self.row_key,
            "values": self.values,
            "default_behaviour": self.default_behaviour,
            "defaults": self.defaults,
        }


class Row:
    """One line of the file as the importer reads it: its cells by field, values matched to the library's
    own (a value confirmed by a person wins over the similarity suggestion), and the errors found."""

    def __init__(self, *, system, mapping: Mapping, cells: dict, suggestions: dict):
        self.system, self.mapping, self.cells, self.suggestions = system, mapping, cells, suggestions
        self.errors: dict[str, str] = {}

    def cell(self, name: str) -> str:
        column = self.mapping.columns.get(name, "")
        return self.cells.get(column, "").strip() if column else ""

    def matched(self, name: str, text: str) -> str | None:
        return self.mapping.values.get(name, {}).get(text) or self.suggestions.get(name, {}).get(text)

    def default(self, name: str) -> str:
        return self.mapping.defaults.get(name, "")

    def moment(self, name: str, *, required: bool = True):
        text = self.cell(name)
        value = parse_moment(text, zone=self.system.zone)
        if value is None and (required or text):
            self.errors[name] = _(
                "“%(value)s” is not a date we can read (try 2024-03-05 14:30 or 3/5/2024)."
            ) % {"value": text}
        return value

    def day(self, name: str, *, required: bool = True):
        text = self.cell(name)
        value = parse_day(text, zone=self.system.zone)
        if value is None and (required or text):
            self.errors[name] = _("“%(value)s” is not a date we can read (try 2024-03-05 or 3/5/2024).") % {
                "value": text
            }
        return value

    def need(self, name: str, message: str) -> str:
        text = self.cell(name)
        if not text:
            self.errors[name] = message
        return text

    def check(self) -> None:
        if self.errors:
            raise ValidationError(dict(self.errors))


def value_suggestions(*, system, table: Table, mapping: Mapping, kind: str = Kind.INCIDENTS) -> dict:
    """For each distinct text of a matched column of the file: the library's value most like it (or the
    value a person confirmed), {field: {text: key or None}}."""
    importer = IMPORTERS[kind]
    out = {}
    for name, choices in importer.choices(system).items():
        column = mapping.columns.get(name)
        if not column:
            continue
        seen = {}
        for _number, row in table.rows:
            texts = (
                split_values(row.get(column, ""))
                if name in importer.multiple
                else [row.get(column, "").strip()]
            )
            for text in texts:
                if text and text not in seen:
                    seen[text] = mapping.values.get(name, {}).get(text) or suggest(text, choices)
        out[name] = seen
    return out


def _row_key(mapping: Mapping, row: dict) -> str:
    if mapping.row_key and row.get(mapping.row_key):
        return row[mapping.row_key][:200]
    # No key column: the row's own content is its key, so the same row is found again in a re-export.
    digest = hashlib.sha256(repr(sorted(row.items())).encode()).hexdigest()
    return f"sha256:{digest[:40]}"


def check_mapping(*, kind: str, table: Table, mapping: Mapping) -> None:
    importer = IMPORTERS[kind]
    missing = [str(importer.labels[name]) for name in importer.required if not mapping.columns.get(name)]
    if missing:
        raise ValidationError(
            {"columns": _("Choose the column of: %(fields)s.") % {"fields": ", ".join(missing)}}
        )
    unknown = [c for c in mapping.columns.values() if c and c not in table.header]
    if unknown:
        raise ValidationError(
            {"columns": _("The file has no column %(names)s.") % {"names": ", ".join(unknown)}}
        )
    if not mapping.source:
        raise ValidationError({"source": _("Name the source of the file, e.g. “Incident Google Form”.")})


def _messages(error: ValidationError, importer: Importer) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    out = []
    for name, messages in error.message_dict.items():
        label = importer.labels.get(name)
        out.extend(f"{label}: {m}" if label else m for m in messages)
    return out


@transaction.atomic
def import_records(
    *,
    actor,
    kind: str,
    table: Table,
    mapping: Mapping,
    file_name: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportRun:
    refuse_unless(can_import(actor), _("Only an administrator imports records."))
    importer = IMPORTERS[kind]
    check_mapping(kind=kind, table=table, mapping=mapping)
    system = actor.library_system
    run = ImportRun(
        system=system,
        kind=kind,
        source=mapping.source,
        file_name=file_name[:200],
        status=RunStatus.DRY_RUN if dry_run else RunStatus.DONE,
        created_by=actor,
        rows=len(table.rows),
    )
    run.full_clean()
    run.save()
    suggestions = value_suggestions(system=system, table=table, mapping=mapping, kind=kind)
    done = set(
        ImportedRow.objects.filter(system=system, kind=kind, source=mapping.source).values_list(
            "row_key", flat=True
        )
    )
    errors = []
    for index, (number, cells) in enumerate(table.rows, start=1):
        key = _row_key(mapping, cells)
        if key in done:
            run.skipped += 1
        else:
            try:
                with transaction.atomic():
                    row = Row(system=system, mapping=mapping, cells=cells, suggestions=suggestions)
                    object_id, flagged = importer.make(actor=actor, row=row)
                    ImportedRow.objects.create(
                        run=run,
                        system=system,
                        kind=kind,
                        source=mapping.source,
                        row_key=key,
                        object_id=object_id,
                    )
            except ValidationError as error:
                errors.append({"row": number, "messages": _messages(error, importer), "values": cells})
                run.failed += 1
            else:
                done.add(key)
                run.created += 1
                run.flagged += int(flagged)
        if progress:
            progress(index)
    run.errors = errors
    ImportRun.objects.filter(pk=run.pk).update(
        created=run.created, skipped=run.skipped, failed=run.failed, flagged=run.flagged, errors=errors
    )
    ColumnMapping.objects.update_or_create(
        system=system, kind=kind, source=mapping.source, defaults={"mapping": mapping.as_dict()}
    )
    if dry_run:
        return _rolled_back(run)
    events.imported(actor=actor, run=run)
    return run


def import_incidents(**kwargs) -> ImportRun:
    return import_records(kind=Kind.INCIDENTS, **kwargs)


def _rolled_back(run: ImportRun) -> ImportRun:
    """A dry run's report: what would be created, then everything it made is rolled back."""
    transaction.set_rollback(True)
    run.pk = None
    return run


def failed_rows_csv(run: ImportRun, header: list[str]) -> str:
    """The rows that failed, with their errors, to fix and import again (formula-safe)."""
    out = io.StringIO()
    writer = FormulaSafeWriter(out)
    writer.writeheader(["row", "errors", *header])
    for error in run.errors:
        writer.writerow(
            [error["row"], " | ".join(error["messages"]), *[error["values"].get(h, "") for h in header]]
        )
    return out.getvalue()


@transaction.atomic
def import_undo(*, actor, run: ImportRun) -> int:
    """Removes what an import made, while nothing has been built on it (the kind says what counts)."""
    refuse_unless(can_undo_import(actor, run), _("Only an administrator undoes an import that was made."))
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    refuse_unless(run.status == RunStatus.DONE, _("This import was already undone."))
    ids = list(run.imported_rows.values_list("object_id", flat=True))
    IMPORTERS[run.kind].undo(system=run.system, ids=ids)
    run.imported_rows.all().delete()
    run.status = RunStatus.UNDONE
    run.undone_at = timezone.now()
    run.undone_by = actor
    run.full_clean()
    run.save(update_fields=["status", "undone_at", "undone_by"])
    events.undone(actor=actor, run=run, removed=len(ids))
    return len(ids)
