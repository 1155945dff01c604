"""The incidents' retention settings become lines of the schedule, with nothing a library had set lost."""

import pytest

from patroncare.testing.migrations import migrate_to

BEFORE = [("incidents", "0006_retention_in_calendar_units"), ("retention", "0001_initial")]
AFTER = [("retention", "0002_schedule_from_incident_settings")]


@pytest.mark.django_db(transaction=True)
def test_a_systems_incident_period_and_mode_become_its_incident_and_exclusion_rules(
    back_to_the_latest_schema,
):
    old = migrate_to(BEFORE)
    System = old.get_model("libraries", "LibrarySystem")
    set_one = System.objects.create(name="Old County", slug="old-county")
    unset = System.objects.create(name="New Town", slug="new-town")
    old.get_model("incidents", "RetentionSettings").objects.create(
        system=set_one, keep_number=7, keep_unit="years", mode="purge"
    )
    new = migrate_to(AFTER)
    rules = {
        (rule.system_id, rule.record_type): (rule.keep_number, rule.keep_unit, rule.action)
        for rule in new.get_model("retention", "RetentionRule").objects.all()
    }
    assert rules[(set_one.pk, "incidents.incident")] == (7, "years", "delete")
    assert rules[(set_one.pk, "conduct.exclusion")] == (7, "years", "delete")
    assert rules[(unset.pk, "incidents.incident")] == (3, "years", "anonymise")
    assert rules[(set_one.pk, "complaints.complaint")] == (3, "years", "anonymise")
    assert rules[(set_one.pk, "incidents.draft")] == (30, "days", "delete")
