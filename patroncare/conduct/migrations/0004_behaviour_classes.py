"""Library-defined classes of behaviour replace the four fixed severity tiers (step 1: add them beside)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conduct', '0003_rule_spanish_wording'),
        ('libraries', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='BehaviourClass',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField(help_text='1 for the least serious class; higher numbers are more serious.', verbose_name='seriousness')),
                ('name', models.CharField(help_text='As printed in your rules, e.g. Class B.', max_length=60, verbose_name='name')),
                ('name_es', models.CharField(blank=True, max_length=60, verbose_name='name in Spanish')),
                ('in_sentence', models.CharField(blank=True, help_text='Fills “Second … violation in 12 months”, e.g. serious or Class B. Empty: the name.', max_length=60, verbose_name='word in a recommendation')),
                ('in_sentence_es', models.CharField(blank=True, max_length=60, verbose_name='word in a recommendation, in Spanish')),
                ('system', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='behaviour_classes', to='libraries.librarysystem')),
            ],
            options={
                'verbose_name': 'behaviour class',
                'verbose_name_plural': 'behaviour classes',
                'ordering': ['system', 'rank'],
                'constraints': [
                    models.UniqueConstraint(fields=('system', 'rank'), name='behaviourclass_rank_unique'),
                    models.UniqueConstraint(fields=('system', 'name'), name='behaviourclass_name_unique'),
                    models.CheckConstraint(condition=models.Q(('rank__gte', 1)), name='behaviourclass_rank_positive'),
                ],
            },
        ),
        migrations.AddField(
            model_name='rule',
            name='behaviour_class',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rules', to='conduct.behaviourclass', verbose_name='class'),
        ),
        migrations.AddField(
            model_name='ladderstep',
            name='behaviour_class',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='ladder_steps', to='conduct.behaviourclass', verbose_name='class'),
        ),
        migrations.AddField(
            model_name='ladderstep',
            name='counts',
            field=models.CharField(choices=[('same', 'Earlier violations of the same class'), ('at_least', 'Earlier violations of this class or a more serious one'), ('any', 'Earlier violations of any class')], default='same', max_length=10, verbose_name='earlier violations counted'),
        ),
        migrations.AddField(
            model_name='ruleversion',
            name='class_name',
            field=models.CharField(blank=True, max_length=60, verbose_name='class'),
        ),
    ]
