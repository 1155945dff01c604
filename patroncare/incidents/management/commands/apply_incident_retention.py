from django.core.management.base import BaseCommand

from patroncare.incidents.services import retention_apply
from patroncare.libraries.models import LibrarySystem


class Command(BaseCommand):
    help = "Purge or anonymise incident and exclusion records past each library system's retention period."

    def handle(self, *args, **options):
        for system in LibrarySystem.objects.order_by("pk"):
            run = retention_apply(system=system)
            self.stdout.write(
                f"{system.slug}: {run.mode} {run.incidents} incidents, {run.exclusions} exclusions "
                f"(closed before {run.cutoff})"
            )
