from django.db import migrations


def _person_for(Person, complaint):
    """The person of the complaint's system with the same e-mail where there is one, else a new one."""
    email = complaint.patron_email.strip()
    person = None
    if email:
        person = (
            Person.objects.filter(system_id=complaint.system_id, email__iexact=email, anonymised_at__isnull=True)
            .order_by("id")
            .first()
        )
    if person is None:
        return Person.objects.create(
            system_id=complaint.system_id,
            name=complaint.patron_name.strip(),
            email=email,
            phone=complaint.patron_phone.strip(),
            language=complaint.patron_language,
        )
    filled = {"name": complaint.patron_name.strip(), "phone": complaint.patron_phone.strip()}
    changed = [field for field, value in filled.items() if value and not getattr(person, field)]
    for field in changed:
        setattr(person, field, filled[field])
    if changed:
        person.save(update_fields=changed)
    return person


def contact_to_person(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Person = apps.get_model("patrons", "Person")
    with_contact = (
        Complaint.objects.exclude(patron_name="", patron_email="", patron_phone="")
        .filter(patron__isnull=True)
        .order_by("id")
    )
    for complaint in with_contact.iterator():
        Complaint.objects.filter(pk=complaint.pk).update(patron=_person_for(Person, complaint))


def contact_back_to_complaint(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    for complaint in Complaint.objects.filter(patron__isnull=False).select_related("patron").iterator():
        Complaint.objects.filter(pk=complaint.pk).update(
            patron_name=complaint.patron.name,
            patron_email=complaint.patron.email,
            patron_phone=complaint.patron.phone,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0013_patron_person"),
        ("patrons", "0003_rights_requests"),
    ]

    operations = [migrations.RunPython(contact_to_person, contact_back_to_complaint)]
