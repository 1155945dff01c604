"""Retention periods in calendar units, read on the library's own calendar."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from patroncare.incidents import services
from patroncare.incidents.models import RetentionSettings

from .factories import IncidentFactory


@pytest.mark.parametrize(
    ("today", "number", "unit", "cutoff"),
    [
        (date(2029, 2, 28), 1, "years", date(2028, 2, 28)),
        (date(2028, 2, 29), 1, "years", date(2027, 2, 28)),  # a leap day: a year before is 28 February
        (date(2031, 2, 28), 3, "years", date(2028, 2, 28)),
        (date(2027, 3, 31), 1, "months", date(2027, 2, 28)),  # a month before 31 March: end of February
        (date(2028, 3, 31), 1, "months", date(2028, 2, 29)),
        (date(2027, 1, 15), 6, "months", date(2026, 7, 15)),
        (date(2027, 1, 15), 5, "weeks", date(2026, 12, 11)),
        (date(2027, 1, 15), 1095, "days", date(2024, 1, 16)),
    ],
)
def test_the_cutoff_is_counted_in_calendar_units(today, number, unit, cutoff):
    assert RetentionSettings(keep_number=number, keep_unit=unit).cutoff(today) == cutoff


@pytest.mark.parametrize(
    ("number", "unit", "accepted"),
    [(29, "days", False), (30, "days", True), (4, "weeks", False), (5, "weeks", True)]
    + [(1, "months", True), (1, "years", True), (0, "years", False)],
)
def test_at_least_about_a_month_is_kept_in_every_unit(world, number, unit, accepted):
    settings = RetentionSettings(system=world.system, keep_number=number, keep_unit=unit)
    if accepted:
        settings.full_clean()
    else:
        with pytest.raises(ValidationError, match="at least 30 days, 5 weeks or 1 month"):
            settings.full_clean()


def test_a_year_is_read_on_the_librarys_own_day_not_the_servers(world):
    """Late on 28 February in Chicago it is already 1 March on the server's clock (UTC)."""
    world.system.time_zone = "America/Chicago"
    world.system.save()
    RetentionSettings.objects.create(system=world.system, keep_number=1, keep_unit="years")
    now = datetime(2029, 3, 1, 4, 30, tzinfo=UTC)  # 22:30 on 28 February 2029 in Chicago
    # Closed on 27 February 2028 in Chicago (early on the 28th in UTC): a full year has passed.
    past = IncidentFactory(branch=world.branch, occurred_at=datetime(2028, 2, 28, 3, 0, tzinfo=UTC))
    # Closed on 28 February 2028 in Chicago (already the 29th in UTC): the cutoff day itself, kept.
    kept = IncidentFactory(branch=world.branch, occurred_at=datetime(2028, 2, 29, 3, 0, tzinfo=UTC))
    for incident in (past, kept):
        incident.closed_at = incident.occurred_at
        incident.save()
    run = services.retention_apply(system=world.system, now=now)
    past.refresh_from_db()
    kept.refresh_from_db()
    assert run.cutoff == date(2028, 2, 28)
    assert past.anonymised_at is not None
    assert kept.anonymised_at is None


def test_the_administrator_changes_the_schedule_and_the_audit_says_from_what(world):
    from patroncare.audit.models import AuditEvent

    services.retention_defaults_install(system=world.system)
    services.retention_settings_update(
        actor=world.users["administrator"],
        system=world.system,
        keep_number=7,
        keep_unit="years",
        mode="purge",
    )
    event = AuditEvent.objects.filter(event="incidents.retention_changed").get()
    assert event.changes == {
        "keep_number": {"old": 3, "new": 7},
        "mode": {"old": "anonymise", "new": "purge"},
    }


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
    assert RetentionSettings(keep_number=1095, keep_unit="days").cutoff(today) == today - timedelta(days=1095)
