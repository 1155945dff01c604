"""Spanish versions of the library's own words that letters print: how to appeal and the ladder's wording.

A system still using the default English "how to appeal" gets its Spanish translation. A system that wrote
its own English text gets no Spanish text: a generic one could tell the person something other than what the
library wrote, so its Spanish letters keep printing the English text (marked as English) until an
administrator writes the Spanish one, which the settings page asks for.
"""

from django.db import migrations, models

HOW_TO_APPEAL = (
    "Write to the Library Director at the main library, by letter or e-mail, saying why you think the "
    "decision should change."
)
HOW_TO_APPEAL_ES = (
    "Escriba a la dirección de la biblioteca, a la biblioteca central, por carta o por correo electrónico, "
    "y explique por qué cree que la decisión debería cambiar."
)


def spanish_only_for_the_default(apps, schema_editor):
    settings = apps.get_model("rulebook", "AppealSettings").objects
    settings.exclude(how_to_appeal=HOW_TO_APPEAL).update(how_to_appeal_es="")


class Migration(migrations.Migration):
    dependencies = [
        ("rulebook", "0007_appeal_hearings"),
    ]

    operations = [
        migrations.AddField(
            model_name="appealsettings",
            name="how_to_appeal_es",
            field=models.TextField(
                blank=True,
                default=HOW_TO_APPEAL_ES,
                help_text="Printed on notice letters written in Spanish.",
                verbose_name="how to appeal, in Spanish",
            ),
        ),
        migrations.AddField(
            model_name="ladderstep",
            name="note_es",
            field=models.CharField(
                blank=True,
                help_text="For example “corregir la conducta o retirarse por el día”.",
                max_length=200,
                verbose_name="wording in your table, in Spanish",
            ),
        ),
        migrations.RunPython(spanish_only_for_the_default, migrations.RunPython.noop),
    ]
