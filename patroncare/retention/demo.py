"""The demo library systems' retention schedules: the defaults (the conduct demo places a legal hold)."""

from .services import schedule_defaults_install


def load(context) -> None:
    for system in context.systems.values():
        schedule_defaults_install(system=system)
