"""Retention periods that were stored in days keep their cutoff in calendar units (the schedule itself is
tested in patroncare/retention/tests)."""

from datetime import date, timedelta

import pytest

from patroncare.libraries.calendar import subtract_period
from patroncare.testing.migrations import migrate_to

BEFORE = [("incidents", "0005_retention_minimum_message")]
AFTER = [("incidents", "0006_retention_in_calendar_units")]


@pytest.mark.django_db(transaction=True)
def test_a_period_in_days_keeps_its_cutoff_after_the_migration(back_to_the_latest_schema):
    old = migrate_to(BEFORE)
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    old.get_model("incidents", "RetentionSettings").objects.create(system=system, keep_days=1095)
    new = migrate_to(AFTER)
    migrated = new.get_model("incidents", "RetentionSettings").objects.get(system_id=system.pk)
    assert (migrated.keep_number, migrated.keep_unit) == (1095, "days")
    today = date(2028, 3, 1)
    assert subtract_period(today, migrated.keep_number, migrated.keep_unit) == today - timedelta(days=1095)
