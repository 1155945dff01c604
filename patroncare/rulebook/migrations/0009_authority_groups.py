"""Authority groups, and issue limits in calendar units that belong to a role, the director or a group.

An existing limit of N days becomes N days (never "1 month"): an exclusion of N days from its first day ends
on the same day before and after, so every refusal and every allowance stays the same.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


DAYS = "days"
UNITS = ["days", "weeks", "months", "years"]
LIMIT_ROLES = ["frontline", "supervisor", "administrator", "security", "trainer", "trustee", "director"]


class Migration(migrations.Migration):
    dependencies = [
        ("libraries", "0001_initial"),
        ("rulebook", "0008_spanish_letter_texts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuthorityGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "name",
                    models.CharField(help_text="For example: Review team.", max_length=80, verbose_name="name"),
                ),
                ("name_es", models.CharField(blank=True, max_length=80, verbose_name="name in Spanish")),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        related_name="authority_groups",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="members",
                    ),
                ),
                (
                    "system",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="authority_groups",
                        to="libraries.librarysystem",
                    ),
                ),
            ],
            options={
                "verbose_name": "authority group",
                "verbose_name_plural": "authority groups",
                "ordering": ["system", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("system", "name"),
                        name="authoritygroup_name_unique",
                        violation_error_message="Another group already has this name.",
                    )
                ],
            },
        ),
        migrations.RemoveConstraint(model_name="issuelimit", name="issuelimit_one_per_role"),
        migrations.RemoveConstraint(model_name="issuelimit", name="issuelimit_role_valid"),
        migrations.RenameField(model_name="issuelimit", old_name="max_days", new_name="length_number"),
        migrations.AlterField(
            model_name="issuelimit",
            name="length_number",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="0 for none at all. Leave empty for no limit.",
                null=True,
                verbose_name="longest exclusion",
            ),
        ),
        # Every existing limit was entered in days and stays in days.
        migrations.AddField(
            model_name="issuelimit",
            name="length_unit",
            field=models.CharField(
                choices=[(u, u) for u in UNITS], default=DAYS, max_length=10, verbose_name="unit"
            ),
        ),
        migrations.AlterField(
            model_name="issuelimit",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("frontline", "Front-line staff"),
                    ("supervisor", "Supervisor"),
                    ("administrator", "Administrator"),
                    ("security", "Security"),
                    ("trainer", "Trainer"),
                    ("trustee", "Trustee"),
                    ("director", "Director"),
                ],
                max_length=20,
                null=True,
                verbose_name="role",
            ),
        ),
        migrations.AddField(
            model_name="issuelimit",
            name="group",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="limit",
                to="rulebook.authoritygroup",
                verbose_name="authority group",
            ),
        ),
        migrations.AddConstraint(
            model_name="issuelimit",
            constraint=models.UniqueConstraint(
                condition=Q(role__isnull=False),
                fields=("system", "role"),
                name="issuelimit_one_per_role",
                violation_error_message="This role already has a limit.",
            ),
        ),
        migrations.AddConstraint(
            model_name="issuelimit",
            constraint=models.CheckConstraint(
                condition=Q(role__isnull=True) | Q(role__in=LIMIT_ROLES),
                name="issuelimit_role_valid",
                violation_error_message="Choose one of the roles.",
            ),
        ),
        migrations.AddConstraint(
            model_name="issuelimit",
            constraint=models.CheckConstraint(
                condition=Q(role__isnull=False, group__isnull=True) | Q(role__isnull=True, group__isnull=False),
                name="issuelimit_role_or_group",
                violation_error_message="A limit belongs to one role or to one authority group.",
            ),
        ),
        migrations.AddConstraint(
            model_name="issuelimit",
            constraint=models.CheckConstraint(
                condition=Q(length_unit__in=UNITS),
                name="issuelimit_unit_valid",
                violation_error_message="Choose days, weeks, months or years.",
            ),
        ),
    ]
