from django.db import models

from .context import current_origin
from .models import AuditAction, AuditEvent


def audit_record(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    library_system_id: int | None = None,
    summary: str = "",
    changes: dict | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event. The library system is taken from the actor, else from the record."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    origin = current_origin()
    actor = actor if getattr(actor, "is_authenticated", False) else None
    if library_system_id is None:
        library_system_id = getattr(actor, "library_system_id", None) or _system_id_of(obj)
    return AuditEvent.objects.create(
        library_system_id=library_system_id,
        actor=actor,
        actor_label=actor_label or (actor.email if actor else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        summary=summary[:300],
        changes=changes or {},
        ip_address=origin.ip_address if origin else None,
        user_agent=origin.user_agent if origin else "",
    )


def _system_id_of(obj) -> int | None:
    for attribute in ("library_system_id", "system_id"):
        if getattr(obj, attribute, None):
            return getattr(obj, attribute)
    branch = getattr(obj, "branch", None)
    return getattr(branch, "system_id", None)


def changed_fields(instance: models.Model, before: dict, fields: list[str]) -> dict:
    """{field: [old, new]} for the fields whose value differs from `before` (values as strings)."""
    changes = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
