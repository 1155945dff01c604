import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conduct", "0013_exclusion_ladder_option"),
        ("patrons", "0001_initial"),
    ]

    # State only: the column keeps pointing at the same table, owned from now on by the patrons app.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="exclusion",
                    name="person",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exclusions",
                        to="patrons.person",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
