"""The one controlled way to change or delete audit lines: a maintenance window inside a transaction.

The database triggers refuse UPDATE (every database) and DELETE (PostgreSQL) unless a row of
audit_maintenancewindow exists. The row is created and removed inside the caller's transaction, so no other
connection ever sees the window open.
"""

from contextlib import contextmanager

from django.db import connection, models, transaction

from .models import AuditEvent, MaintenanceWindow


@contextmanager
def window(reason: str):
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("An audit maintenance window needs a transaction.")
    opened = MaintenanceWindow.objects.create(reason=reason[:200])
    try:
        yield
    finally:
        MaintenanceWindow.objects.filter(pk=opened.pk).delete()


def delete_events(ids: list[int]) -> int:
    """Delete these events (only inside a window: the database refuses it otherwise)."""
    return models.QuerySet(model=AuditEvent).filter(pk__in=ids)._raw_delete(connection.alias)


def update_events(ids: list[int], **values) -> int:
    """Rewrite fields of these events (only inside a window: the database refuses it otherwise)."""
    return models.QuerySet(model=AuditEvent).filter(pk__in=ids).update(**values)
