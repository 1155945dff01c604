import django.db.models.deletion
from django.db import migrations, models

import patroncare.core.files


def move_content_type(apps, schema_editor):
    """Permissions and generic links follow the model to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="patrons", model="person").delete()
    ContentType.objects.filter(app_label="incidents", model="person").update(app_label="patrons")


def return_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="patrons", model="person").update(app_label="incidents")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("incidents", "0006_retention_in_calendar_units"),
        ("libraries", "0001_initial"),
    ]

    # State only: the table was created by the incidents app; it is renamed in the next migration, once the
    # foreign keys of incidents and conduct point here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Person",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "card_number",
                            models.CharField(blank=True, max_length=20, verbose_name="library card number"),
                        ),
                        ("name", models.CharField(blank=True, max_length=150, verbose_name="name, if known")),
                        (
                            "description",
                            models.CharField(blank=True, max_length=300, verbose_name="appearance and clothing"),
                        ),
                        ("is_minor", models.BooleanField(default=False, verbose_name="under 18")),
                        (
                            "photo",
                            models.FileField(
                                blank=True,
                                upload_to=patroncare.core.files.RandomUploadTo("incidents/people"),
                                verbose_name="photo",
                            ),
                        ),
                        ("anonymised_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "system",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="incident_people",
                                to="libraries.librarysystem",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "person involved",
                        "verbose_name_plural": "people involved",
                        "ordering": ["name", "id"],
                        "db_table": "incidents_person",
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("card_number", ""), _negated=True),
                                fields=("system", "card_number"),
                                name="person_card_unique_in_system",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, return_content_type),
    ]
