"""The one writer of the audit trail, and its one maintenance path.

Domains never write free text here: they call their own `events.py` helpers, which name a registered event
type and pass only non-personal values (ids, codes, counts, dates, numbers).
"""

from datetime import datetime

from django.db import models, transaction

from . import maintenance
from .changes import safe_changes
from .context import current_origin
from .events import EventType
from .models import AuditEvent


def audit_event(
    event: EventType,
    *,
    actor=None,
    obj: models.Model | None = None,
    params: dict | None = None,
    changes: dict | None = None,
    library_system_id: int | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event. The library system is taken from the actor, else from the record."""
    if not isinstance(event, EventType):
        raise TypeError("An audit event must be a registered EventType (see audit.events.define).")
    origin = current_origin()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    if library_system_id is None:
        library_system_id = getattr(actor, "library_system_id", None) or _system_id_of(obj)
    return AuditEvent.objects.create(
        library_system_id=library_system_id,
        actor=actor,
        actor_label=actor_label or (actor.email if actor else ""),
        action=event.action,
        event=event.code,
        params=_checked_params(params or {}),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr="",
        summary="",
        changes=safe_changes(changes, type(obj) if obj is not None else None),
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
    )


def _checked_params(params: dict) -> dict:
    """Params are ids, codes, counts, dates and numbers; refusing anything else keeps names out by design."""
    checked = {}
    for name, value in params.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if not (value is None or isinstance(value, bool | int | float | str)):
            if not (isinstance(value, list | tuple) and all(isinstance(item, int | str) for item in value)):
                raise TypeError(f"Audit param {name!r} must be an id, code, count, date or number")
            value = list(value)
        checked[name] = value
    return checked


def _system_id_of(obj) -> int | None:
    for attribute in ("library_system_id", "system_id"):
        if getattr(obj, attribute, None):
            return getattr(obj, attribute)
    branch = getattr(obj, "branch", None)
    return getattr(branch, "system_id", None)


def changed_fields(instance: models.Model, before: dict, fields: list[str]) -> dict:
    """{field: [old, new]} for the fields whose value differs from `before`.

    Foreign keys are compared and kept by id. The writer keeps the values only for non-personal fields.
    """
    changes = {}
    for name in fields:
        old, new = _id_of(before.get(name)), _id_of(getattr(instance, name))
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def _id_of(value):
    return value.pk if isinstance(value, models.Model) else value


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_events_purge(*, system, before: datetime, batch_size: int = 1000) -> int:
    """Delete the system's events older than `before`, in batches, each through a maintenance window."""
    deleted = 0
    while True:
        with transaction.atomic(), maintenance.window(f"retention purge of system {system.pk}"):
            ids = list(
                AuditEvent.objects.filter(library_system=system, at__lt=before)
                .order_by("at", "pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if ids:
                deleted += maintenance.delete_events(ids)
        if len(ids) < batch_size:
            return deleted
