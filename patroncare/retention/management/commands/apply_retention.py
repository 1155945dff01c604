from datetime import date

from django.core.management.base import BaseCommand, CommandError

from patroncare.libraries.models import LibrarySystem

from ... import registry
from ...services import retention_apply


class Command(BaseCommand):
    help = (
        "Apply each library system's retention schedule: anonymise or delete what is due, in batches. "
        "Run daily (cron or the task engine); --dry-run shows what would go and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("--system", help="Short name of one library system (default: all of them).")
        parser.add_argument("--as-of", type=date.fromisoformat, help="The day to apply it for (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; list what would go.")
        parser.add_argument("--show", type=int, default=10, help="Records listed per type with --dry-run.")

    def handle(self, *args, system, as_of, dry_run, show, **options):
        systems = LibrarySystem.objects.order_by("pk")
        if system:
            systems = systems.filter(slug=system)
            if not systems.exists():
                raise CommandError(f"No library system with the short name {system!r}.")
        for each in systems:
            report = retention_apply(system=each, as_of=as_of, dry_run=dry_run)
            verb = "would go" if dry_run else "went"
            self.stdout.write(f"{each.slug} as of {report.as_of}:")
            schedule = registry.Schedule(each) if dry_run else None
            for line in report.types:
                self.stdout.write(f"  {line.kind.code}: {len(line.ids)} {verb} ({line.action})")
                if schedule is not None:
                    self._explain(schedule, line, show)

    def _explain(self, schedule, line, show: int) -> None:
        model = line.kind.due(schedule, date.today()).model
        for record in model.objects.filter(pk__in=line.ids[:show]):
            due = registry.due_of(schedule, line.kind, record)
            day = due.on.isoformat() if due.on else "kept"
            self.stdout.write(f"    #{record.pk} due {day}: {'; '.join(due.reasons)}")
        if show and len(line.ids) > show:
            self.stdout.write(f"    ... and {len(line.ids) - show} more")
