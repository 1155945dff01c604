from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue of the project into .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        roots = [
            Path(settings.BASE_DIR) / "locale",
            *sorted((Path(settings.BASE_DIR) / "patroncare").glob("*/locale")),
        ]
        count = 0
        for root in roots:
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
