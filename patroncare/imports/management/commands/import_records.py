"""`manage.py import_records --kind incidents --mapping mapping.json --actor admin@library.org file.csv`
(kinds: incidents, exclusions, complaints, resources)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from patroncare.accounts.models import User
from patroncare.imports import services
from patroncare.imports.models import Kind
from patroncare.imports.reading import read_table


class Command(BaseCommand):
    help = "Import a library's old spreadsheet (CSV or XLSX), with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", choices=Kind.values, required=True)
        parser.add_argument("--mapping", required=True, help="JSON: source, columns, row_key, values")
        parser.add_argument(
            "--actor", required=True, help="e-mail of the administrator the import is made by"
        )
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--failed-rows", help="write the rows that failed to this CSV file")

    def handle(self, *args, **options):
        actor = User.objects.filter(email__iexact=options["actor"]).first()
        if actor is None:
            raise CommandError(f"No account {options['actor']}")
        path = Path(options["file"])
        try:
            table = read_table(path.read_bytes(), path.name)
            mapping = services.Mapping.from_dict(json.loads(Path(options["mapping"]).read_text()))
        except (OSError, ValueError, KeyError, ValidationError) as error:
            raise CommandError(str(error)) from error
        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
        with Progress(*columns, disable=not self.stdout.isatty()) as bar:
            task = bar.add_task("Importing" if not options["dry_run"] else "Dry run", total=len(table.rows))
            try:
                run = services.import_records(
                    actor=actor,
                    kind=options["kind"],
                    table=table,
                    mapping=mapping,
                    file_name=path.name,
                    dry_run=options["dry_run"],
                    progress=lambda n: bar.update(task, completed=n),
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        if options["failed_rows"] and run.errors:
            Path(options["failed_rows"]).write_text(
                services.failed_rows_csv(run, table.header), encoding="utf-8"
            )
        verb = "would create" if options["dry_run"] else "created"
        self.stdout.write(
            f"{run.rows} rows: {verb} {run.created}, already imported {run.skipped}, failed {run.failed}, "
            f"flagged by the writing help {run.flagged}"
        )
        for error in run.errors[:20]:
            self.stdout.write(f"  row {error['row']}: {'; '.join(error['messages'])}")
