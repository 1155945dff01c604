"""Failed rows of an import leave on the retention schedule; the run keeps its counts."""

from datetime import date, datetime, time, timedelta

import pytest

from patroncare.imports.models import ImportRun
from patroncare.imports.retention import FAILED_ROWS
from patroncare.imports.tests.test_imports import _run
from patroncare.retention import registry, services
from patroncare.retention.models import RetentionRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world):
    services.schedule_defaults_install(system=world.system)
    run = _run(world.users["administrator"])
    assert run.failed == 3 and len(run.errors) == 3  # the file of test_imports: three rows fail
    # Imported on 31 January 2026 in the library's time zone, late in the evening.
    imported = datetime.combine(date(2026, 1, 31), time(23, 30), tzinfo=world.system.zone)
    ImportRun.objects.filter(pk=run.pk).update(created_at=imported)
    run.refresh_from_db()
    return run


def _due(world, as_of):
    kind = registry.record_type(FAILED_ROWS)
    return set(
        registry.due_records(registry.Schedule(world.system), kind, as_of).values_list("pk", flat=True)
    )


def test_the_default_is_three_months_after_the_import_on_the_librarys_calendar(world, run):
    rule = RetentionRule.objects.get(system=world.system, record_type=FAILED_ROWS)
    assert (rule.keep_number, rule.keep_unit, rule.action) == (3, "months", "delete")
    # Three months after 31 January is the end of April: due on 1 May, not on 30 April.
    due = registry.due_of(registry.Schedule(world.system), registry.record_type(FAILED_ROWS), run)
    assert due.on == date(2026, 5, 1)
    assert run.pk not in _due(world, date(2026, 4, 30))
    assert run.pk in _due(world, date(2026, 5, 1))


def test_the_run_loses_the_failed_rows_and_keeps_its_counts(world, run):
    values = run.errors[0]["values"]
    counts = (run.rows, run.created, run.failed)
    report = services.retention_apply(system=world.system, as_of=date(2026, 5, 1))
    assert report.counts[FAILED_ROWS] == 1
    run.refresh_from_db()
    assert run.errors == [] and (run.rows, run.created, run.failed) == counts
    assert not any(str(value) in str(run.errors) for value in values.values() if value)
    # Nothing is left to purge: the next run counts none.
    assert (
        services.retention_apply(system=world.system, as_of=date(2026, 6, 1)).counts.get(FAILED_ROWS, 0) == 0
    )


def test_a_dry_run_keeps_the_failed_rows(world, run):
    report = services.retention_apply(system=world.system, as_of=date(2026, 5, 1), dry_run=True)
    assert report.counts[FAILED_ROWS] == 1
    run.refresh_from_db()
    assert len(run.errors) == 3


def test_another_systems_runs_are_untouched(world, run):
    other = world.users["other_system_admin"]
    theirs = _run(other)
    ImportRun.objects.filter(pk=theirs.pk).update(created_at=run.created_at - timedelta(days=400))
    services.retention_apply(system=world.system, as_of=date(2026, 5, 1))
    theirs.refresh_from_db()
    assert len(theirs.errors) == theirs.failed > 0
