"""Retention periods as a number and a calendar unit. A period entered in days stays that many days, so
every cutoff computed before is computed the same after; new schedules default to 3 years."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0005_retention_minimum_message"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="retentionsettings", name="retention_keep_at_least_30_days"),
        migrations.RenameField(model_name="retentionsettings", old_name="keep_days", new_name="keep_number"),
        # Existing rows were counted in days: they keep that unit.
        migrations.AddField(
            model_name="retentionsettings",
            name="keep_unit",
            field=models.CharField(default="days", max_length=10),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="retentionsettings",
            name="keep_unit",
            field=models.CharField(
                choices=[("days", "days"), ("weeks", "weeks"), ("months", "months"), ("years", "years")],
                default="years",
                max_length=10,
                verbose_name="unit",
            ),
        ),
        migrations.AlterField(
            model_name="retentionsettings",
            name="keep_number",
            field=models.PositiveIntegerField(
                default=3,
                help_text="After the incident closes or the exclusion ends.",
                validators=[
                    django.core.validators.MinValueValidator(
                        1, "Keep incident records for at least 30 days, 5 weeks or 1 month."
                    )
                ],
                verbose_name="keep for",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("keep_unit__in", ["days", "weeks", "months", "years"])),
                name="retention_keep_unit_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="retentionsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("keep_number__gte", 30), ("keep_unit", "days"))
                | models.Q(("keep_number__gte", 5), ("keep_unit", "weeks"))
                | models.Q(("keep_number__gte", 1), ("keep_unit__in", ["months", "years"])),
                name="retention_keep_at_least_30_days",
                violation_error_message="Keep incident records for at least 30 days, 5 weeks or 1 month.",
            ),
        ),
    ]
