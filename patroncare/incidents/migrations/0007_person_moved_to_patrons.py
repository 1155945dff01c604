import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0006_retention_in_calendar_units"),
        ("patrons", "0001_initial"),
        # Every foreign key to the old model must point at the new one before the old one leaves the state.
        ("conduct", "0014_person_moved_to_patrons"),
    ]

    # State only: the rows stay in their table, owned from now on by the patrons app.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="involvement",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="involvements",
                        to="patrons.person",
                    ),
                ),
                migrations.DeleteModel(name="Person"),
            ],
            database_operations=[],
        ),
    ]
