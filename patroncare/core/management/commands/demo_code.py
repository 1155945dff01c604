from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.core.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="alex.chen@riverbend.example")

    def handle(self, *args, email, **options):
        device = TOTPDevice.objects.filter(
            user__email__iexact=email, key=DEMO_TOTP_KEY, confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{email} is not a demo account with the demo two-factor key.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
