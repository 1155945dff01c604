"""The time to appeal and the time to decide become a number and a unit: calendar days or working days.

The time to appeal keeps the unit it was counted in (the "count working days" box becomes "working days", an
unticked box "calendar days"); the time to decide was always in working days and stays so. Every deadline
computed before is the same after.
"""

import django.core.validators
from django.db import migrations, models
from django.db.models import Q

UNITS = [("days", "calendar days"), ("working_days", "working days")]
MESSAGE = "Give the decider at least 1 day to decide an appeal or a request to lift."


def units_as_counted(apps, schema_editor):
    settings = apps.get_model("rulebook", "AppealSettings").objects
    settings.filter(filing_in_working_days=False).update(filing_unit="days")
    settings.filter(filing_in_working_days=True).update(filing_unit="working_days")
    settings.update(decision_unit="working_days")


def units_back(apps, schema_editor):
    settings = apps.get_model("rulebook", "AppealSettings").objects
    settings.update(filing_in_working_days=True)
    settings.filter(filing_unit="days").update(filing_in_working_days=False)


class Migration(migrations.Migration):
    # The rows are rewritten between the schema changes: on PostgreSQL an ALTER TABLE may not follow row
    # updates in the same transaction, so each step commits on its own.
    atomic = False

    dependencies = [("libraries", "0001_initial"), ("rulebook", "0004_decision_days_positive")]

    operations = [
        migrations.AddField(
            model_name="appealsettings",
            name="filing_unit",
            field=models.CharField(
                choices=UNITS,
                default="working_days",
                help_text="Counted from the day after the notice is given.",
                max_length=12,
                verbose_name="time to appeal: unit",
            ),
        ),
        migrations.AddField(
            model_name="appealsettings",
            name="decision_unit",
            field=models.CharField(
                choices=UNITS,
                default="working_days",
                help_text="Counted from the day after the appeal or the request to lift is received.",
                max_length=12,
                verbose_name="time to decide: unit",
            ),
        ),
        migrations.RunPython(units_as_counted, units_back),
        migrations.RemoveField(model_name="appealsettings", name="filing_in_working_days"),
        migrations.AlterField(
            model_name="appealsettings",
            name="filing_days",
            field=models.PositiveIntegerField(default=10, verbose_name="time to appeal"),
        ),
        migrations.AlterField(
            model_name="appealsettings",
            name="decision_days",
            field=models.PositiveIntegerField(
                default=10,
                validators=[django.core.validators.MinValueValidator(1, MESSAGE)],
                verbose_name="time to decide",
            ),
        ),
        migrations.RemoveConstraint(model_name="appealsettings", name="appealsettings_decision_days_positive"),
        migrations.AddConstraint(
            model_name="appealsettings",
            constraint=models.CheckConstraint(
                condition=Q(decision_days__gte=1),
                name="appealsettings_decision_days_positive",
                violation_error_message=MESSAGE,
            ),
        ),
        migrations.AddConstraint(
            model_name="appealsettings",
            constraint=models.CheckConstraint(
                condition=Q(filing_unit__in=["days", "working_days"])
                & Q(decision_unit__in=["days", "working_days"]),
                name="appealsettings_deadline_units_valid",
            ),
        ),
    ]
