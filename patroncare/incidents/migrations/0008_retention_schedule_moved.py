# The incidents' retention settings became lines of the retention schedule (retention 0002).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0007_person_moved_to_patrons'),
        # The schedule reads the old settings before they go.
        ('retention', '0002_schedule_from_incident_settings'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='retentionsettings',
            name='system',
        ),
        migrations.DeleteModel(
            name='RetentionRun',
        ),
        migrations.DeleteModel(
            name='RetentionSettings',
        ),
    ]
