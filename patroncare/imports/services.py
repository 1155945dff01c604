"""Importing incidents from a library's old spreadsheet, through the incidents app's own service.

Each row becomes an incident by `incidents.services.incident_report`, so every rule of a report holds (the
branch and place, the time not in the future, at least one behaviour, the level from the behaviours) and
the narrative goes through the writing help. A row is keyed by its source and a row key; a key already
imported is skipped, so the same file imported again changes nothing. Each row is its own savepoint inside
one transaction: a row that fails leaves nothing behind, and an error in the middle leaves no part import.
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
from patroncare.incidents import services as incident_services
from patroncare.incidents import writing_help
from patroncare.incidents.models import Behaviour, Incident
from patroncare.libraries.models import Branch, Location

from . import events
from .models import ColumnMapping, ImportedRow, ImportRun, Kind, RunStatus
from .permissions import can_import, can_undo_import
from .reading import Table
from .values import parse_moment, suggest

FIELDS = ("occurred_at", "branch", "location", "summary", "narrative", "behaviours", "injuries", "damage")
REQUIRED = ("occurred_at", "branch", "narrative")


@dataclass
class Mapping:
    """Which column holds each field, which column keys a row, and the values confirmed by a person."""

    source: str
    columns: dict[str, str]
    row_key: str = ""
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    default_behaviour: str = Behaviour.RUDENESS

    @classmethod
    def from_dict(cls, data: dict) -> "Mapping":
        return cls(
            source=str(data["source"])[:80],
            columns=dict(data.get("columns", {})),
            row_key=str(data.get("row_key", "")),
            values={k: dict(v) for k, v in data.get("values", {}).items()},
            default_behaviour=data.get("default_behaviour", Behaviour.RUDENESS),
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "columns": self.columns,
            "row_key": self.row_key,
            "values": self.values,
            "default_behaviour": self.default_behaviour,
        }


def value_suggestions(*, system, table: Table, mapping: Mapping) -> dict[str, dict[str, str | None]]:
    """For each distinct branch, place and behaviour text of the file: the library's value most like it."""
    branches = {b.code: b.name for b in Branch.objects.filter(system=system)}
    places = {str(p.pk): p.name for p in Location.objects.filter(branch__system=system)}
    behaviours = dict(Behaviour.choices)
    out = {}
    for name, choices in (("branch", branches), ("location", places), ("behaviours", behaviours)):
        column = mapping.columns.get(name)
        if not column:
            continue
        seen = {}
        for _number, row in table.rows:
            for text in _split(row.get(column, "")) if name == "behaviours" else [row.get(column, "")]:
                if text and text not in seen:
                    seen[text] = mapping.values.get(name, {}).get(text) or suggest(text, choices)
        out[name] = seen
    return out


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _row_key(mapping: Mapping, number: int, row: dict) -> str:
    if mapping.row_key and row.get(mapping.row_key):
        return row[mapping.row_key][:200]
    # No key column: the row's own content is its key, so the same row is found again in a re-export.
    digest = hashlib.sha256(repr(sorted(row.items())).encode()).hexdigest()
    return f"sha256:{digest[:40]}"


def _incident_values(*, system, mapping: Mapping, row: dict, suggestions: dict) -> dict:
    columns, errors = mapping.columns, {}

    def cell(name):
        return row.get(columns.get(name, ""), "").strip()

    moment = parse_moment(cell("occurred_at"), zone=system.zone)
    if moment is None:
        errors["occurred_at"] = _(
            "“%(value)s” is not a date we can read (try 2024-03-05 14:30 or 3/5/2024)."
        ) % {"value": cell("occurred_at")}
    branch_text = cell("branch")
    code = mapping.values.get("branch", {}).get(branch_text) or suggestions.get("branch", {}).get(branch_text)
    branch = Branch.objects.filter(system=system, code=code).first() if code else None
    if branch is None:
        errors["branch"] = _("“%(value)s” is not a branch of the library. Match it to a branch.") % {
            "value": branch_text
        }
    location = None
    if cell("location") and branch is not None:
        pk = mapping.values.get("location", {}).get(cell("location")) or suggestions.get("location", {}).get(
            cell("location")
        )
        location = Location.objects.filter(pk=pk, branch=branch).first() if pk else None
    behaviours = []
    for text in _split(cell("behaviours")):
        key = mapping.values.get("behaviours", {}).get(text) or suggestions.get("behaviours", {}).get(text)
        if key in Behaviour.values:
            behaviours.append(key)
    narrative = cell("narrative")
    if not narrative:
        errors["narrative"] = _("The row has no narrative.")
    if errors:
        raise ValidationError(errors)
    summary = cell("summary") or narrative.split(".")[0]
    return {
        "branch": branch,
        "location": location,
        "occurred_at": moment,
        "summary": summary[:150],
        "narrative": narrative,
        "behaviours": behaviours or [mapping.default_behaviour],
        "injuries": cell("injuries")[:300],
        "damage": cell("damage")[:300],
    }


class _DryRun(Exception):
    """Raised at the end of a dry run to roll back everything it made."""


@transaction.atomic
def import_incidents(
    *,
    actor,
    table: Table,
    mapping: Mapping,
    file_name: str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportRun:
    refuse_unless(can_import(actor), _("Only an administrator imports records."))
    missing = [name for name in REQUIRED if not mapping.columns.get(name)]
    if missing:
        raise ValidationError(
            {"columns": _("Choose the column of: %(fields)s.") % {"fields": ", ".join(missing)}}
        )
    unknown = [c for c in mapping.columns.values() if c and c not in table.header]
    if unknown:
        raise ValidationError(
            {"columns": _("The file has no column %(names)s.") % {"names": ", ".join(unknown)}}
        )
    system = actor.library_system
    run = ImportRun(
        system=system,
        kind=Kind.INCIDENTS,
        source=mapping.source,
        file_name=file_name[:200],
        status=RunStatus.DRY_RUN if dry_run else RunStatus.DONE,
        created_by=actor,
        rows=len(table.rows),
    )
    run.full_clean()
    run.save()
    suggestions = value_suggestions(system=system, table=table, mapping=mapping)
    done = set(
        ImportedRow.objects.filter(system=system, kind=Kind.INCIDENTS, source=mapping.source).values_list(
            "row_key", flat=True
        )
    )
    errors = []
    for index, (number, row) in enumerate(table.rows, start=1):
        key = _row_key(mapping, number, row)
        if key in done:
            run.skipped += 1
        else:
            try:
                with transaction.atomic():
                    values = _incident_values(
                        system=system, mapping=mapping, row=row, suggestions=suggestions
                    )
                    incident = incident_services.incident_report(actor=actor, **values)
                    ImportedRow.objects.create(
                        run=run,
                        system=system,
                        kind=Kind.INCIDENTS,
                        source=mapping.source,
                        row_key=key,
                        object_id=incident.pk,
                    )
            except ValidationError as error:
                messages = (
                    [f"{name}: {m}" for name, ms in error.message_dict.items() for m in ms]
                    if hasattr(error, "error_dict")
                    else list(error.messages)
                )
                errors.append({"row": number, "messages": messages, "values": row})
                run.failed += 1
            else:
                done.add(key)
                run.created += 1
                if writing_help.check(values["narrative"]):
                    run.flagged += 1
        if progress:
            progress(index)
    run.errors = errors
    ImportRun.objects.filter(pk=run.pk).update(
        created=run.created, skipped=run.skipped, failed=run.failed, flagged=run.flagged, errors=errors
    )
    ColumnMapping.objects.update_or_create(
        system=system, kind=Kind.INCIDENTS, source=mapping.source, defaults={"mapping": mapping.as_dict()}
    )
    if dry_run:
        return _rolled_back(run)
    events.imported(actor=actor, run=run)
    return run


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
    """Removes what an import made, while nothing has been built on it (no exclusion, follow-up or change)."""
    refuse_unless(can_undo_import(actor, run), _("Only an administrator undoes an import that was made."))
    ids = list(run.imported_rows.values_list("object_id", flat=True))
    incidents = Incident.objects.filter(pk__in=ids, system=run.system)
    built_on = incidents.filter(version__gt=1).exists() or incidents.filter(exclusions__isnull=False).exists()
    built_on = built_on or incidents.filter(follow_ups__isnull=False).exists()
    refuse_unless(
        not built_on, _("Records of this import were changed or used since; it can no longer be undone.")
    )
    incidents.delete()
    run.imported_rows.all().delete()
    run.status = RunStatus.UNDONE
    run.undone_at = timezone.now()
    run.undone_by = actor
    run.full_clean()
    run.save(update_fields=["status", "undone_at", "undone_by"])
    events.undone(actor=actor, run=run, removed=len(ids))
    return len(ids)
