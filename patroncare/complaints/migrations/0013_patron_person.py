import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0012_follow_up_and_record_form"),
        ("patrons", "0003_rights_requests"),
    ]

    # The patron's contact moves to their person record in three steps (link, copy, drop) so that no
    # PostgreSQL transaction both changes rows and alters the table they are in.
    operations = [
        migrations.AddField(
            model_name="complaint",
            name="patron",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to="patrons.person",
                verbose_name="patron",
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="patron_language",
            field=models.CharField(
                choices=[("en", "English"), ("es", "Spanish")],
                default="en",
                max_length=8,
                verbose_name="language of the case",
            ),
        ),
    ]
