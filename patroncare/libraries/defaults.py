"""What a new library system starts with, contributed by the apps that own each setting.

The library system knows nothing of exclusion limits or retention schedules: each app that keeps such a
setting registers an installer here when it starts, and a new system (or an administrator on the settings
page) runs them all. An installer adds only what is missing and never changes what the library has set.
"""

from collections.abc import Callable

from django.db import transaction

Installer = Callable[..., None]  # installer(*, system, actor) -> None

_installers: dict[str, Installer] = {}


def register_system_defaults(key: str, installer: Installer) -> None:
    _installers[key] = installer


@transaction.atomic
def install_system_defaults(*, system, actor=None) -> None:
    for key in sorted(_installers):
        _installers[key](system=system, actor=actor)
