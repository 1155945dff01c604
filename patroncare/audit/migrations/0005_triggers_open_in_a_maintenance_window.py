"""The append-only triggers let a change through only while a maintenance window is open.

A window is a row of audit_maintenancewindow, created and removed inside one transaction by
`audit.maintenance.window` (the retention purge, data migrations). Outside a window UPDATE is still refused on
every database and DELETE on PostgreSQL.
"""

from django.db import migrations

REFUSAL = "SELECT RAISE(ABORT, 'the audit trail is append-only')"

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent "
    "WHEN NOT EXISTS (SELECT 1 FROM audit_maintenancewindow) "
    f"BEGIN {REFUSAL}; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent BEGIN {REFUSAL}; END",
]

POSTGRES_FORWARD = [
    """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_maintenancewindow) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
"""
]
POSTGRES_BACKWARD = [
    """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END;
$$ LANGUAGE plpgsql;
"""
]


def forward(apps, schema_editor):
    _run(schema_editor, SQLITE_FORWARD, POSTGRES_FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, SQLITE_BACKWARD, POSTGRES_BACKWARD)


def _run(schema_editor, sqlite_statements, postgres_statements):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": sqlite_statements, "postgresql": postgres_statements}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_typed_events_and_maintenance_window")]
    operations = [migrations.RunPython(forward, backward)]
