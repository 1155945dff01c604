"""The move of people into the patrons app and of complaints' contact into them keeps every existing row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("incidents", "0006_retention_in_calendar_units"),
    ("conduct", "0013_exclusion_ladder_option"),
    ("complaints", "0012_follow_up_and_record_form"),
]
AFTER = [("patrons", "0003_rights_requests"), ("complaints", "0015_patron_contact_dropped")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state of every migration applied now, not only of the targets' ancestors (accounts, libraries).
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


@pytest.fixture
def back_to_the_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_people_incidents_exclusions_and_complaint_contacts_survive_the_move(back_to_the_latest_schema):
    old = _migrate(BEFORE)
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    branch = old.get_model("libraries", "Branch").objects.create(system=system, name="Main", code="MAI")
    user = old.get_model("accounts", "User").objects.create(email="staff@old.example", library_system=system)
    person = old.get_model("incidents", "Person").objects.create(
        system=system, card_number="2100001", name="Robin Alvarez", description="Green coat"
    )
    incident = old.get_model("incidents", "Incident").objects.create(
        system=system,
        branch=branch,
        occurred_at="2026-03-01T10:00:00Z",
        level="disruptive",
        summary="Shouted",
        narrative="Shouted twice.",
        reported_by=user,
    )
    old.get_model("incidents", "Involvement").objects.create(incident=incident, role="subject", person=person)
    exclusion = old.get_model("conduct", "Exclusion").objects.create(
        system=system,
        person=person,
        outcome="suspension",
        start_date="2026-03-02",
        end_date="2026-04-01",
        issued_at="2026-03-02T10:00:00Z",
        issued_by=user,
    )
    complaints = old.get_model("complaints", "Complaint").objects
    common = {
        "system": system,
        "branch": branch,
        "channel": "desk",
        "narrative": "x",
        "received_at": "2026-03-01T10:00:00Z",
    }
    named = complaints.create(
        reference="OLD-1", patron_name="Lena Morales", patron_email="lena@example.net", **common
    )
    again = complaints.create(
        reference="OLD-2", patron_name="", patron_email="LENA@example.net", patron_phone="555", **common
    )
    phone_only = complaints.create(reference="OLD-3", patron_phone="555-0101", patron_language="es", **common)
    anonymous = complaints.create(reference="OLD-4", anonymous=True, **common)

    new = _migrate(AFTER)
    Person = new.get_model("patrons", "Person")
    moved = Person.objects.get(pk=person.pk)
    assert (moved.card_number, moved.name, moved.description, moved.version) == (
        "2100001",
        "Robin Alvarez",
        "Green coat",
        1,
    )
    assert new.get_model("incidents", "Involvement").objects.get().person_id == person.pk
    assert new.get_model("conduct", "Exclusion").objects.get(pk=exclusion.pk).person_id == person.pk
    Complaint = new.get_model("complaints", "Complaint")
    lena = Complaint.objects.get(pk=named.pk).patron
    assert (lena.name, lena.email, lena.phone, lena.system_id) == (
        "Lena Morales",
        "lena@example.net",
        "555",
        system.pk,
    )
    assert Complaint.objects.get(pk=again.pk).patron_id == lena.pk
    by_phone = Complaint.objects.get(pk=phone_only.pk).patron
    assert (by_phone.name, by_phone.email, by_phone.phone, by_phone.language) == ("", "", "555-0101", "es")
    assert Complaint.objects.get(pk=anonymous.pk).patron_id is None
    assert Person.objects.count() == 3
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "patrons_person" in tables and "incidents_person" not in tables
