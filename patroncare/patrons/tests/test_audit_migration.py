"""Audit lines about a person written before the move follow the person to its new record type."""

import pytest

from patroncare.testing.migrations import migrate_to

BEFORE = [("patrons", "0003_rights_requests"), ("audit", "0006_events_keep_no_names")]
AFTER = [("patrons", "0004_audit_events_follow_the_person")]


@pytest.mark.django_db(transaction=True)
def test_events_about_a_person_name_the_new_record_type_and_the_trail_stays_closed(back_to_the_latest_schema):
    old = migrate_to(BEFORE)
    Event = old.get_model("audit", "AuditEvent")
    about_person = Event.objects.create(action="view", object_type="incidents.person", object_id="7")
    about_branch = Event.objects.create(action="view", object_type="libraries.branch", object_id="7")
    new = migrate_to(AFTER)
    rows = dict(new.get_model("audit", "AuditEvent").objects.values_list("pk", "object_type"))
    assert rows[about_person.pk] == "patrons.person" and rows[about_branch.pk] == "libraries.branch"
    assert not new.get_model("audit", "MaintenanceWindow").objects.exists()
