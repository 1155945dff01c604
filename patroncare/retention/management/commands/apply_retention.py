from datetime import date

from django.core.management.base import BaseCommand, CommandError

from patroncare.libraries.models import LibrarySystem

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
            report = retention_apply(
                system=each, as_of=as_of, dry_run=dry_run, explain=show if dry_run else 0
            )
            verb = "would go" if dry_run else "went"
            self.stdout.write(f"{each.slug} as of {report.as_of}:")
            for line in report.types:
                self.stdout.write(f"  {line.kind.code}: {len(line.ids)} {verb} ({line.action})")
                for pk, due in line.explained:
                    day = due.on.isoformat() if due.on else "kept"
                    self.stdout.write(f"    #{pk} due {day}: {'; '.join(due.reasons)}")
                if line.explained and len(line.ids) > len(line.explained):
                    self.stdout.write(f"    ... and {len(line.ids) - len(line.explained)} more")
