"""Whether a late appeal may still be accepted for good cause; it always could, and still can by default."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("rulebook", "0005_appeal_deadline_units")]

    operations = [
        migrations.AddField(
            model_name="appealsettings",
            name="late_with_good_cause",
            field=models.BooleanField(
                default=True,
                help_text="Otherwise an appeal that arrives after the deadline is refused.",
                verbose_name="a late appeal is accepted for good cause",
            ),
        ),
    ]
