"""Measure list pages on generated data: queries and time per page, at a realistic scale.

Run it on a throwaway database, never on a real library's:
    DATABASE_URL=sqlite:///var/benchmark.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:///var/benchmark.sqlite3 .venv/bin/python manage.py benchmark --scale 1

Each app may add a `benchmark.py` with `generate(context, scale)` (idempotent) and
`pages(context) -> [(name, url, user)]`; this command runs them in INSTALLED_APPS order.
"""

import statistics
import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from patroncare.core.demo import load_demo


def benchmark_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.benchmark"
        if config.name.startswith("patroncare.") and find_spec(name):
            yield import_module(name)


class Command(BaseCommand):
    help = "Generate data at scale on a throwaway database and measure the list pages (queries, time)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="1 is about a year of a mid-sized system")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, scale, repeat, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError("Run the benchmark on a database whose name contains 'bench' (see --help).")
        with transaction.atomic():  # as load_demo's own command: the loaders lock rows (select_for_update)
            context = load_demo()
        modules = list(benchmark_modules())
        for module in modules:
            started = time.perf_counter()
            module.generate(context, scale)
            self.stdout.write(f"generated {module.__name__} in {time.perf_counter() - started:.1f}s")
        self.stdout.write(f"{'page':42} {'queries':>7} {'median ms':>10} {'max ms':>8}")
        for module in modules:
            for page_name, url, user in module.pages(context):
                queries, timings = self._measure(url, user, repeat)
                self.stdout.write(
                    f"{page_name:42} {queries:>7} {statistics.median(timings):>10.1f} {max(timings):>8.1f}"
                )

    def _measure(self, url, user, repeat):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        device = user.totpdevice_set.filter(confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        client.get(url)  # warm caches
        timings, executed = [], []

        def count(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        return len(executed), timings
