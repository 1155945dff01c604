"""The database itself refuses to change audit lines.

UPDATE is refused on every database. DELETE is refused on PostgreSQL only: SQLite's test flush deletes rows
one table at a time, while PostgreSQL's flush uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_auditevent_no_update;"

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_change();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditevent_no_change ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_refuse_change();
"""


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD, POSTGRES_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD, POSTGRES_BACKWARD)


def _run(schema_editor, sqlite_sql, postgres_sql):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(sqlite_sql)
    elif vendor == "postgresql":
        schema_editor.execute(postgres_sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
