"""The schedule runs everywhere: the command (with --as-of and --dry-run), the task, and with no broker."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from patroncare.core.schedule import run_due_jobs
from patroncare.incidents.models import Incident
from patroncare.retention.models import RetentionRun
from patroncare.retention.services import schedule_defaults_install

from .helpers import incident_closed_on, person


def test_a_dry_run_as_of_a_day_says_what_would_go_and_why_and_changes_nothing(world):
    schedule_defaults_install(system=world.system)
    incident = incident_closed_on(world, date(2023, 1, 31), person=person(world))
    out = StringIO()
    call_command("apply_retention", "--system", "riverside", "--as-of", "2026-02-01", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "incidents.incident: 1 would go (anonymise)" in text
    assert f"#{incident.pk} due 2026-02-01: last event on 2023-01-31; kept 3 years after" in text
    incident.refresh_from_db()
    assert incident.anonymised_at is None and not RetentionRun.objects.exists()
    out = StringIO()
    call_command("apply_retention", "--system", "riverside", "--as-of", "2026-01-31", "--dry-run", stdout=out)
    assert "incidents.incident: 0 would go" in out.getvalue()


def test_the_command_purges_every_system_and_records_each_run(world):
    incident_closed_on(world, date(2020, 1, 1))
    out = StringIO()
    call_command("apply_retention", "--as-of", "2026-12-01", stdout=out)
    assert "riverside as of 2026-12-01:" in out.getvalue() and "elsewhere as of 2026-12-01:" in out.getvalue()
    assert "incidents.incident: 1 went (anonymise)" in out.getvalue()
    assert RetentionRun.objects.count() == 2
    assert Incident.objects.filter(anonymised_at__isnull=True).count() == 0


def test_an_unknown_system_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No library system with the short name 'nowhere'"):
        call_command("apply_retention", "--system", "nowhere", stdout=StringIO())


def test_the_embedded_default_purges_with_no_broker(world, settings):
    """Without a broker, `run_schedule` (started by `make run`) runs the same daily job as Celery beat."""
    settings.CELERY_BROKER_URL = ""
    assert (
        settings.CELERY_BEAT_SCHEDULE["retention-schedule"]["task"]
        == "patroncare.retention.tasks.apply_retention"
    )
    old = incident_closed_on(world, date(2015, 1, 1))
    ran = run_due_jobs()
    assert "retention-schedule" in ran
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert RetentionRun.objects.filter(system=world.system).exists()


def test_a_dry_run_counts_the_people_whose_last_record_goes_in_the_same_run(world):
    someone = person(world, name="Casey Hidden")
    incident_closed_on(world, date(2020, 1, 1), person=someone)
    out = StringIO()
    call_command("apply_retention", "--system", "riverside", "--as-of", "2026-12-01", "--dry-run", stdout=out)
    assert "patrons.person: 1 would go (anonymise)" in out.getvalue()
    assert f"#{someone.pk} due 2026-12-01: no kept record names this person" in out.getvalue()
    someone.refresh_from_db()
    assert someone.name == "Casey Hidden" and someone.anonymised_at is None
