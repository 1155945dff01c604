"""Report reads go to a read replica when the deployment has one (DATABASE_REPLICA_URL).

Only the reads made inside `replica_reads()` (the dashboard's and the board report's figures) are sent there;
everything else, and every write, stays on the primary, so a page never reads its own write from a replica
that lags behind. Without a "replica" alias the router says nothing and Django uses the default database.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)


@contextmanager
def replica_reads():
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


class ReportReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_reports.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica copies the primary's schema; it is never migrated itself
