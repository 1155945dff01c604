"""A ladder row's look-back window, suspension length and "may ask to lift after" become a number and a unit.

Existing rows were entered in days and stay in days (365 days stays 365 days, never "12 months"), so every
recommendation and every date computed from them is the same before and after. A "may ask to lift after"
of 0 days was never used (it reads as empty) and becomes empty.
"""

from django.db import migrations, models
from django.db.models import F, Q

DAYS = "days"
UNITS = ["days", "weeks", "months", "years"]
LOOKBACK_UNITS = [*UNITS, "none"]


def rows_in_days(apps, schema_editor):
    """Every existing row counts in days, as it was entered."""
    keep_days(apps.get_model("rulebook", "LadderStep").objects.all())


def keep_days(steps) -> None:
    steps.update(lookback_unit=DAYS, length_unit=DAYS, lift_after_unit=DAYS)
    steps.filter(lift_after_number=0).update(lift_after_number=None)


class Migration(migrations.Migration):
    # The rows are rewritten between the schema changes: on PostgreSQL an ALTER TABLE may not follow row
    # updates in the same transaction, so each step commits on its own.
    atomic = False

    dependencies = [("rulebook", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="ladderstep", name="ladderstep_lookback_positive"),
        migrations.RemoveConstraint(model_name="ladderstep", name="ladderstep_suspension_has_days"),
        migrations.RenameField(model_name="ladderstep", old_name="lookback_days", new_name="lookback_number"),
        migrations.RenameField(model_name="ladderstep", old_name="min_days", new_name="length_min"),
        migrations.RenameField(model_name="ladderstep", old_name="max_days", new_name="length_max"),
        migrations.RenameField(
            model_name="ladderstep", old_name="lift_request_after_days", new_name="lift_after_number"
        ),
        migrations.AddField(
            model_name="ladderstep",
            name="lookback_unit",
            field=models.CharField(default=DAYS, max_length=10, verbose_name="look-back unit"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ladderstep",
            name="length_unit",
            field=models.CharField(default=DAYS, max_length=10, verbose_name="suspension unit"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="ladderstep",
            name="lift_after_unit",
            field=models.CharField(default=DAYS, max_length=10, verbose_name="may ask to lift after: unit"),
            preserve_default=False,
        ),
        migrations.RunPython(rows_in_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='ladderstep',
            name='length_max',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='longest suspension'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='length_min',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='shortest suspension'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='length_unit',
            field=models.CharField(choices=[('days', 'days'), ('weeks', 'weeks'), ('months', 'months'), ('years', 'years')], default='days', max_length=10, verbose_name='suspension unit'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='lift_after_number',
            field=models.PositiveIntegerField(blank=True, help_text='For a permanent exclusion: when the person may ask for it to be lifted.', null=True, verbose_name='may ask to lift after'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='lift_after_unit',
            field=models.CharField(choices=[('days', 'days'), ('weeks', 'weeks'), ('months', 'months'), ('years', 'years')], default='years', max_length=10, verbose_name='may ask to lift after: unit'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='lookback_number',
            field=models.PositiveIntegerField(blank=True, default=12, help_text='Earlier violations count only within this window. Leave empty with “no look-back”.', null=True, verbose_name='look-back window'),
        ),
        migrations.AlterField(
            model_name='ladderstep',
            name='lookback_unit',
            field=models.CharField(choices=[('days', 'days'), ('weeks', 'weeks'), ('months', 'months'), ('years', 'years'), ('none', 'no look-back (every earlier violation counts)')], default='months', max_length=10, verbose_name='look-back unit'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(('lookback_unit', 'none'), ('lookback_number__gte', 1), _connector='OR'), name='ladderstep_lookback_positive', violation_error_message='Give the look-back window, or choose “no look-back”.'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(('lookback_unit__in', ['days', 'weeks', 'months', 'years', 'none'])), name='ladderstep_lookback_unit_valid'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(('length_unit__in', ['days', 'weeks', 'months', 'years'])), name='ladderstep_length_unit_valid'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(('lift_after_unit__in', ['days', 'weeks', 'months', 'years'])), name='ladderstep_lift_after_unit_valid'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(('lift_after_number__isnull', True), ('lift_after_number__gte', 1), _connector='OR'), name='ladderstep_lift_after_positive'),
        ),
        migrations.AddConstraint(
            model_name='ladderstep',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('outcome', 'suspension'), _negated=True), models.Q(('length_min__gte', 1), ('length_max__gte', models.F('length_min'))), _connector='OR'), name='ladderstep_suspension_has_days', violation_error_message='A suspension needs its length: the longest cannot be shorter than the shortest.'),
        ),
    ]
