"""What a closed case hands to the practice room to become an anonymised scenario draft.

Complaints and incidents build it from their own records and register themselves as a practice source at
start-up (in their shell.py); the practice room never imports them, and the trainer never opens the case file.
"""

from collections.abc import Callable
from dataclasses import dataclass

from patroncare.core.languages import language_codes, version_in
from patroncare.libraries.models import Location

PRACTICE_WINDOW_DAYS = 730  # closed cases of the last two years may become practice


@dataclass(frozen=True)
class PracticeMaterial:
    title: str
    narrative: str
    language: str
    names: list[str]
    places: list[str]
    card_numbers: list[str]


def staff_names(system) -> set[str]:
    """Full and first names of the system's staff, so a colleague named in a narrative is removed too."""
    names = set(system.staff.values_list("full_name", flat=True))
    return names | {name.split(" ")[0] for name in names if name}


def place_names(system) -> set[str]:
    """Every branch and location name, in every language it is written in (a Spanish narrative names them
    in Spanish)."""
    names = set()
    for queryset in (system.branches.all(), Location.objects.filter(branch__system=system)):
        for record in queryset:
            names |= {version_in(record, "name", code) for code in language_codes()}
    return names - {""}


def clean(names) -> list[str]:
    return sorted({name.strip() for name in names if name and len(name.strip()) > 1})


@dataclass(frozen=True)
class PracticeSource:
    key: str
    # user -> the closed cases of the last two years this trainer may turn into practice.
    closed_for: Callable
    # (user, pk) -> the PracticeMaterial of one of those cases (404 for any other).
    material_for: Callable
    # (actor, pk) -> appends the audit event of that case's narrative being read for practice.
    audit_read: Callable | None = None


PRACTICE_SOURCES: dict[str, PracticeSource] = {}


def register_practice_source(source: PracticeSource) -> None:
    PRACTICE_SOURCES[source.key] = source


def closed_cases_for_practice(key: str, *, user):
    source = PRACTICE_SOURCES.get(key)
    return source.closed_for(user=user) if source else []


def practice_material(key: str, *, user, pk: int) -> PracticeMaterial:
    return PRACTICE_SOURCES[key].material_for(user=user, pk=pk)


def practice_material_read(key: str, *, actor, pk: int) -> None:
    """Audit the read of a case's narrative (the view calls it once it has the material)."""
    source = PRACTICE_SOURCES[key]
    if source.audit_read is not None:
        source.audit_read(actor=actor, pk=pk)
