from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0014_patron_contact_to_person")]

    operations = [
        migrations.RemoveConstraint(model_name="complaint", name="complaint_anonymous_has_no_contact"),
        migrations.RemoveField(model_name="complaint", name="patron_email"),
        migrations.RemoveField(model_name="complaint", name="patron_name"),
        migrations.RemoveField(model_name="complaint", name="patron_phone"),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(
                condition=models.Q(("anonymous", False), ("patron__isnull", True), _connector="OR"),
                name="complaint_anonymous_has_no_patron",
            ),
        ),
    ]
