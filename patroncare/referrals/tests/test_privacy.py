"""The referral log holds nothing about a person: not in its fields, not in the rows it stores."""

import pytest
from django.db import models

from patroncare.referrals import services
from patroncare.referrals.models import Referral

from .factories import CategoryFactory, ResourceFactory

pytestmark = pytest.mark.django_db

# The only things a referral may say, and nothing that links to a person (a patron or a member of staff).
ALLOWED = {
    "id",
    "system",
    "branch",
    "need",
    "resource",
    "language",
    "made_on",
    "incident_id",
    "playbook_slug",
}


def test_the_referral_model_has_no_field_about_a_person():
    names = {field.name for field in Referral._meta.get_fields()}
    assert names == ALLOWED
    targets = {
        field.related_model._meta.label
        for field in Referral._meta.get_fields()
        if isinstance(field, models.ForeignKey)
    }
    assert targets == {
        "libraries.LibrarySystem",
        "libraries.Branch",
        "referrals.Category",
        "referrals.Resource",
    }


def test_a_stored_referral_row_holds_no_name_e_mail_time_or_member_of_staff(world):
    need = CategoryFactory(system=world.system, slug="shelter")
    resource = ResourceFactory(system=world.system, categories=[need])
    actor = world.users["frontline"]
    services.referral_record(actor=actor, branch=world.branch, need=need, language="es", resource=resource)
    row = Referral.objects.values().get()
    assert set(row) == {
        f"{name}_id" if name in {"system", "branch", "need", "resource"} else name for name in ALLOWED
    }
    stored = " ".join(str(value) for value in row.values())
    for personal in (actor.email, actor.full_name, str(actor.pk) + " "):
        assert personal not in stored + " " or personal.strip() == str(row["id"])
    assert row["made_on"] is not None and not hasattr(row["made_on"], "hour")  # a day, never a moment
    # No audit row either: it would tie a member of staff and a moment to the referral.
    from patroncare.audit.models import AuditEvent

    assert not AuditEvent.objects.filter(object_type="referrals.referral").exists()
