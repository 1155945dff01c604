from django.db import migrations, models


def copy_english_meaning(apps, schema_editor):
    """The plain column holds the main language's version; both versions stay in their own columns."""
    apps.get_model("guidance", "Phrase").objects.update(meaning=models.F("meaning_en"))


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0004_rules_from_the_rulebook"),
    ]

    operations = [
        migrations.AddField(
            model_name="phrase",
            name="meaning",
            field=models.CharField(default="", max_length=200, verbose_name="meaning"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="phrase",
            name="meaning_en",
            field=models.CharField(max_length=200, null=True, verbose_name="meaning"),
        ),
        migrations.AlterField(
            model_name="phrase",
            name="meaning_es",
            field=models.CharField(max_length=200, null=True, verbose_name="meaning"),
        ),
        migrations.RunPython(copy_english_meaning, migrations.RunPython.noop),
    ]
