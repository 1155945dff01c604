"""What the patrons app asks of the apps kept above it about a person's records.

People sit below complaints, incidents and exclusions: those apps point at a person, the patrons app never
imports them. A person's page, the export of an access request and the check of who may see a person ask
each app that keeps records about people through the `PersonRecords` it registers at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonRecords:
    # Stable key of the section: "complaints", "incidents", "exclusions" (also the key in the JSON export).
    key: str
    # The section's heading on the person's page and in the PDF (a lazy translation).
    title: str
    # Template of the section on the person's page; it receives `records`.
    template: str
    # (user, person) -> the person's records this user may already see, through the app's own selector.
    visible: Callable[..., list]
    # (person) -> everything the app holds about the person, as JSON-ready dicts (an access request).
    export: Callable[..., list[dict]]
    # Order on the page and in the export.
    position: int = 0


_registered: dict[str, PersonRecords] = {}


def register_person_records(records: PersonRecords) -> None:
    _registered[records.key] = records


def person_records() -> list[PersonRecords]:
    return sorted(_registered.values(), key=lambda records: (records.position, records.key))


# (actor, kept, removed_id) -> None: what another app keeps about a person by number, not by a foreign key
# (a legal hold), follows the person when two records are merged.
_merge_listeners: list[Callable[..., None]] = []


def register_merge_listener(listener: Callable[..., None]) -> None:
    if listener not in _merge_listeners:
        _merge_listeners.append(listener)


def merge_listeners() -> list[Callable[..., None]]:
    return list(_merge_listeners)
