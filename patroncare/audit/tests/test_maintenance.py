"""The one maintenance path: a window opened inside a transaction; outside it the database still refuses."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from patroncare.audit import maintenance
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction, AuditEvent, MaintenanceWindow
from patroncare.audit.services import audit_event, audit_events_purge

pytestmark = pytest.mark.django_db

SEEN = define("audit.test_maintenance_seen", AuditAction.VIEW, "Seen")


def _event(world, *, days_ago=0, system=None):
    system = system or world.system
    event = audit_event(SEEN, library_system_id=system.pk)
    if days_ago:
        with transaction.atomic(), maintenance.window("test: backdate"):
            maintenance.update_events([event.pk], at=timezone.now() - timedelta(days=days_ago))
    return event


def test_a_window_lets_an_update_through_and_closes_behind_itself(world):
    event = _event(world)
    with transaction.atomic(), maintenance.window("test: rewrite"):
        assert maintenance.update_events([event.pk], object_repr="") == 1
    assert not MaintenanceWindow.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'rewritten' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_a_window_closes_even_when_the_work_fails(world):
    event = _event(world)
    with pytest.raises(RuntimeError), transaction.atomic(), maintenance.window("test: failing"):
        raise RuntimeError("boom")
    assert not MaintenanceWindow.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [event.pk])


def test_a_window_needs_a_transaction(world, monkeypatch):
    # Tests run inside a transaction: pretend none is open, as in a script that forgot it.
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(transaction.TransactionManagementError), maintenance.window("test: no transaction"):
        pass
    monkeypatch.undo()
    assert not MaintenanceWindow.objects.exists()


def test_purge_deletes_only_the_systems_older_events_in_batches(world):
    old = [_event(world, days_ago=400) for _ in range(5)]
    recent = _event(world, days_ago=10)
    elsewhere = _event(world, days_ago=400, system=world.other_system)
    deleted = audit_events_purge(
        system=world.system, before=timezone.now() - timedelta(days=365), batch_size=2
    )
    assert deleted == 5
    assert not AuditEvent.objects.filter(pk__in=[event.pk for event in old]).exists()
    assert set(AuditEvent.objects.filter(pk__in=[recent.pk, elsewhere.pk]).values_list("pk", flat=True)) == {
        recent.pk,
        elsewhere.pk,
    }
    assert not MaintenanceWindow.objects.exists()


def test_purge_with_nothing_to_delete_returns_zero(world):
    _event(world)
    assert audit_events_purge(system=world.system, before=timezone.now() - timedelta(days=1)) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE is refused by a trigger on PostgreSQL")
def test_postgresql_refuses_a_delete_outside_a_window_and_allows_it_inside(world):
    event = _event(world)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    with transaction.atomic(), maintenance.window("test: delete"):
        assert maintenance.delete_events([event.pk]) == 1
    assert not AuditEvent.objects.filter(pk=event.pk).exists()
