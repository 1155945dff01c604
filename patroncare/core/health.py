"""The state of the database and the task engine, for monitoring."""

from django.conf import settings
from django.db import connection


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any failure means unhealthy; the message is reported)
        return {"ok": False, "vendor": connection.vendor, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def task_engine_state() -> dict:
    from config.celery import app

    if app.conf.task_always_eager:
        return {
            "ok": True,
            "mode": "eager",
            "detail": "Tasks run inside the web process (no broker configured).",
        }
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "mode": "broker", "error": error.__class__.__name__}
    workers = app.control.ping(timeout=float(getattr(settings, "PATRONCARE_HEALTH_PING_SECONDS", 1.0))) or []
    return {"ok": True, "mode": "broker", "broker": "reachable", "workers": len(workers)}
