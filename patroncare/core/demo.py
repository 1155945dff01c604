"""The fictional demo library system. Each app adds its records through its own `demo.py`.

Every loader is idempotent: records are found by their natural keys and created only when missing, so
loading the demo twice changes nothing. Loaders write with the ORM directly because they seed data rather
than act for a member of staff; nothing they create is an action someone took.
"""

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils import timezone

from patroncare.core.languages import writing_main_language

DEMO_PASSWORD = "Riverbend-demo-2026"  # noqa: S105  (printed for newcomers; demo accounts only)
# A fixed key so the demo administrator's codes can be printed with `make demo-code`.
# It is given only to demo accounts.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass
class DemoContext:
    today: date
    systems: dict = field(default_factory=dict)
    branches: dict = field(default_factory=dict)  # code -> Branch of the main system
    staff: dict = field(default_factory=dict)  # key -> User
    logins: list = field(default_factory=list)  # (role label, e-mail, note)

    @property
    def system(self):
        return self.systems["riverbend"]


def demo_loaders():
    """The `load(context)` function of each installed app's demo module, in INSTALLED_APPS order."""
    loaders = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith("patroncare.") and module_name != __name__ and find_spec(module_name):
            loaders.append(import_module(module_name).load)
    return loaders


def load_demo(*, today: date | None = None) -> DemoContext:
    context = DemoContext(today=today or timezone.localdate())
    # Library-written names are looked up through their translated fields, which read the active language:
    # the demo is found again by its main-language names whatever language the caller runs in.
    with writing_main_language():
        for load in demo_loaders():
            load(context)
    return context
