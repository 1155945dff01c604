"""Retention periods that were stored in days keep their cutoff in calendar units (the schedule itself is
tested in patroncare/retention/tests)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from patroncare.libraries.calendar import subtract_period

BEFORE = [("incidents", "0005_retention_minimum_message")]
AFTER = [("incidents", "0006_retention_in_calendar_units")]


@pytest.fixture
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_a_period_in_days_keeps_its_cutoff_after_the_migration(back_to_the_latest_schema):
    old = _migrate(BEFORE)
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    old.get_model("incidents", "RetentionSettings").objects.create(system=system, keep_days=1095)
    new = _migrate(AFTER)
    migrated = new.get_model("incidents", "RetentionSettings").objects.get(system_id=system.pk)
    assert (migrated.keep_number, migrated.keep_unit) == (1095, "days")
    today = date(2028, 3, 1)
    assert subtract_period(today, migrated.keep_number, migrated.keep_unit) == today - timedelta(days=1095)
