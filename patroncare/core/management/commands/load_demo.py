from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from patroncare.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the fictional Riverbend Public Library demo (idempotent) and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a library system other than the demo.",
        )

    def handle(self, *args, if_empty=False, **options):
        # Core names no domain model: the library system is looked up by its label.
        LibrarySystem = apps.get_model("libraries", "LibrarySystem")
        if if_empty and LibrarySystem.objects.exclude(slug__in=["riverbend", "lakeshore"]).exists():
            self.stdout.write("The database holds a real library system: the demo was not loaded.")
            return
        with transaction.atomic():
            context = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo library system loaded: {context.system.name}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(role) for role, _email, _note in context.logins)
        for role, email, note in context.logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}{'  (' + note + ')' if note else ''}")
