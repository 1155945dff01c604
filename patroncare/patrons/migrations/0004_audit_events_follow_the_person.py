"""Audit events written about a person before the move name the record type `incidents.person`: they now name
`patrons.person`, so the trail still labels them by the person record as it is now.

The trail refuses changes outside a maintenance window; this migration opens one inside its transaction.
"""

from django.db import migrations


def forward(apps, schema_editor):
    _rename(apps, "incidents.person", "patrons.person")


def backward(apps, schema_editor):
    _rename(apps, "patrons.person", "incidents.person")


def _rename(apps, old: str, new: str) -> None:
    window = apps.get_model("audit", "MaintenanceWindow").objects.create(reason=f"record type {old} is now {new}")
    apps.get_model("audit", "AuditEvent").objects.filter(object_type=old).update(object_type=new)
    window.delete()


class Migration(migrations.Migration):
    dependencies = [("patrons", "0003_rights_requests"), ("audit", "0006_events_keep_no_names")]
    operations = [migrations.RunPython(forward, backward)]
