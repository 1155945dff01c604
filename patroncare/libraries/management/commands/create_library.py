from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from patroncare.accounts.models import Role, User
from patroncare.accounts.services import password_reset_link, staff_create
from patroncare.libraries.defaults import install_system_defaults
from patroncare.libraries.models import LibrarySystem, validate_time_zone


class Command(BaseCommand):
    help = (
        "Create a library system and its first administrator, and print the link where the administrator "
        "chooses a password. Everything else is configured in the browser."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 'Maple County Public Library'")
        parser.add_argument("--slug", required=True, help="a short name, e.g. 'maple-county'")
        parser.add_argument("--time-zone", default="America/Chicago")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="the address staff use to reach PatronCare, for the link",
        )

    def handle(self, *args, name, slug, time_zone, admin_email, admin_name, base_url, **options):
        try:
            validate_time_zone(time_zone)
        except Exception as error:
            raise CommandError(f"Unknown time zone {time_zone!r}") from error
        if LibrarySystem.objects.filter(slug=slug).exists():
            raise CommandError(f"A library system with the short name {slug!r} already exists.")
        if User.objects.filter(email__iexact=admin_email).exists():
            raise CommandError(f"An account with the address {admin_email} already exists.")
        with transaction.atomic():
            system = LibrarySystem(name=name, slug=slug, time_zone=time_zone)
            system.full_clean()
            system.save()
            admin = staff_create(
                actor=None,
                system=system,
                email=admin_email,
                full_name=admin_name,
                roles=[(Role.ADMINISTRATOR, None)],
            )
            # Exclusion limits, appeal rules and the retention schedule, so the system works on day one.
            install_system_defaults(system=system, actor=None)
        self.stdout.write(self.style.SUCCESS(f"Created {system.name} with administrator {admin.email}."))
        self.stdout.write("The administrator chooses a password here (valid for one day), then sets up")
        self.stdout.write("two-factor sign-in and configures branches, hours, holidays and staff.")
        self.stdout.write("Default exclusion limits, appeal rules and retention schedule are installed;")
        self.stdout.write("the administrator's desk lists what is still to set:")
        self.stdout.write(f"  {password_reset_link(user=admin, base_url=base_url)}")
