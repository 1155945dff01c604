"""Typed audit events: each domain registers what can happen, the trail stores only a code and safe values.

An event's message is a translatable string with `%(name)s` placeholders filled from the event's params
when the trail is read, so it reads in the reader's language; params hold no personal data (ids, codes,
counts, dates, numbers). Each domain keeps its event types and one small writer per event in its own
`events.py`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditAction

_registry: dict[str, "EventType"] = {}


@dataclass(frozen=True)
class EventType:
    code: str
    action: str
    message: Promise | str
    # For params that hold a code of a choices class: the labels to show instead of the code.
    choices: Mapping[str, object] = field(default_factory=dict)
    # Labels of change keys that are not fields of the record's model.
    change_labels: Mapping[str, Promise | str] = field(default_factory=dict)

    def render(self, params: Mapping) -> str:
        values = {name: self._value(name, value) for name, value in (params or {}).items()}
        try:
            return str(self.message) % _Lenient(values)
        except (TypeError, ValueError):
            return str(self.message)

    def _value(self, name, value):
        labels = self.choices.get(name)
        if labels is not None and isinstance(value, str):
            return dict(getattr(labels, "choices", labels)).get(value, value)
        return value


class _Lenient(dict):
    """An older event may lack a value a newer message names: show a dash rather than fail."""

    def __missing__(self, key):
        return "—"


def define(code: str, action: str, message, **options) -> EventType:
    """Register an event type (at import time of a domain's events module) and return it."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    known = _registry.get(code)
    if known is not None and known.action != action:
        raise ValueError(f"Audit event {code!r} is already registered with another action")
    event_type = EventType(code=code, action=action, message=message, **options)
    _registry[code] = event_type
    return event_type


def event_type(code: str) -> EventType | None:
    return _registry.get(code)


def registered_codes() -> set[str]:
    return set(_registry)


# Events of the audit trail itself.
RECORD_VIEWED = define("audit.record_viewed", AuditAction.VIEW, _("Record viewed"))
# The trail labels records as they are now, so it shows the names of patrons not yet anonymised.
TRAIL_VIEWED = define("audit.trail_viewed", AuditAction.VIEW, _("Audit trail viewed"))
