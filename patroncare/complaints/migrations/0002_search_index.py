"""A GIN index for the full-text search of narratives, on PostgreSQL only (SQLite searches by substring).

The expression is the one `selectors.search_condition` builds, so the planner can use it.
"""

from django.db import migrations

INDEX = "complaints_complaint_search_gin"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_complaint USING GIN "
    "(to_tsvector('simple'::regconfig, COALESCE(narrative, '') || ' ' || COALESCE(desired_outcome, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
