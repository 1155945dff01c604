"""The embedded default (SQLite) bears several people writing at once.

Each thread opens its own connection to one database file with the OPTIONS the settings give the default
database, and runs transactions that read a value and then write it back, the pattern of an autosaved draft
or of a form that checks a version before saving. Without IMMEDIATE transactions, two such transactions
deadlock and SQLite answers "database is locked" at once, whatever the busy timeout.
"""

import copy
import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections, transaction

SQLITE = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
pytestmark = pytest.mark.skipif(not SQLITE, reason="the embedded default is SQLite; PostgreSQL has row locks")

WRITERS = 6
WRITES_EACH = 25


@contextmanager
def _file_database(path, django_db_blocker):
    """A database alias with the default database's settings, pointed at a file of its own."""
    database = copy.deepcopy(settings.DATABASES["default"])
    database["NAME"] = str(path)
    alias = f"file_{path.stem}"
    connections.settings[alias] = database
    try:
        with django_db_blocker.unblock():
            yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def test_the_default_database_is_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    with (
        _file_database(tmp_path / "one.sqlite3", django_db_blocker) as alias,
        connections[alias].cursor() as cursor,
    ):
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_concurrent_read_then_write_transactions_never_fail_and_lose_nothing(tmp_path, django_db_blocker):
    with _file_database(tmp_path / "busy.sqlite3", django_db_blocker) as alias:
        _run_writers(alias)


def _run_writers(alias):
    setup = connections[alias]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter (id, value) VALUES (1, 0)")
    errors = []
    start = threading.Barrier(WRITERS)

    def write():
        # Django gives each thread its own connection to the same file.
        connection = connections[alias]
        try:
            start.wait()
            for _ in range(WRITES_EACH):
                with transaction.atomic(using=alias), connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter WHERE id = 1")
                    value = cursor.fetchone()[0]
                    time.sleep(0.002)  # the work between reading and writing, during which others go on
                    cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with setup.cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        assert cursor.fetchone()[0] == WRITERS * WRITES_EACH
