"""Each library system's schedule, one rule per record type, starting from what it had set for incidents.

The incidents' period also governed exclusions ("after the incident closes or the exclusion ends"), so both
rules take it; the other record types start from the defaults.
"""

from django.db import migrations

DEFAULTS = {
    "complaints.complaint": (3, "years", "anonymise"),
    "incidents.checkin": (12, "months", "delete"),
    "incidents.debrief": (12, "months", "anonymise"),
    "incidents.draft": (30, "days", "delete"),
    "audit.auditevent": (7, "years", "delete"),
}
ACTIONS = {"anonymise": "anonymise", "purge": "delete"}


def forward(apps, schema_editor):
    LibrarySystem = apps.get_model("libraries", "LibrarySystem")
    RetentionSettings = apps.get_model("incidents", "RetentionSettings")
    RetentionRule = apps.get_model("retention", "RetentionRule")
    settings = {row.system_id: row for row in RetentionSettings.objects.all()}
    for system in LibrarySystem.objects.all():
        old = settings.get(system.pk)
        incidents = (old.keep_number, old.keep_unit, ACTIONS[old.mode]) if old else (3, "years", "anonymise")
        rules = {"incidents.incident": incidents, "conduct.exclusion": incidents, **DEFAULTS}
        for record_type, (number, unit, action) in rules.items():
            RetentionRule.objects.get_or_create(
                system=system,
                record_type=record_type,
                defaults={"keep_number": number, "keep_unit": unit, "action": action},
            )


def backward(apps, schema_editor):
    RetentionSettings = apps.get_model("incidents", "RetentionSettings")
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for rule in RetentionRule.objects.filter(record_type="incidents.incident"):
        RetentionSettings.objects.update_or_create(
            system_id=rule.system_id,
            defaults={
                "keep_number": rule.keep_number,
                "keep_unit": rule.keep_unit,
                "mode": "purge" if rule.action == "delete" else "anonymise",
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("incidents", "0006_retention_in_calendar_units"),
        ("libraries", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, backward)]
