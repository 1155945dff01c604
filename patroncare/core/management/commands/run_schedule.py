import time

from django.conf import settings
from django.core.management.base import BaseCommand

from patroncare.core.schedule import run_due_jobs


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (reminders, digests, retention) without a broker. "
        "With a broker, run `make worker` (Celery beat) instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs that are due, then stop.")
        parser.add_argument("--every", type=int, default=60, help="Seconds between checks (default 60).")

    def handle(self, *args, once, every, **options):
        if getattr(settings, "CELERY_BROKER_URL", ""):
            # Two timetables would run each job twice: with a broker, beat alone runs the schedule.
            self.stdout.write("A broker is configured: Celery beat runs the schedule (make worker).")
            return
        while True:
            for name in run_due_jobs():
                self.stdout.write(f"ran {name}")
            if once:
                return
            time.sleep(max(every, 1))
