"""The practice-records CSV: names and titles that look like formulas reach the sheet as text."""

import csv
import io

import pytest
from django.urls import reverse

from patroncare.libraries.models import Branch

from .factories import PlayFactory, VersionFactory

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(1)", "\t=1+1", "  =1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_column_is_formula_safe_and_numbers_are_unchanged(world, signed_in, payload):
    person = world.users["frontline"]
    person.full_name = payload
    person.save()
    Branch.objects.filter(pk=world.branch.pk).update(name=payload)
    version = VersionFactory(scenario__system=world.system, title=payload)
    PlayFactory(user=person, branch=world.branch, version=version)

    response = signed_in(world.users["trainer"]).get(reverse("training:records_csv"))

    header, row = list(csv.reader(io.StringIO(response.content.decode())))
    cells = dict(zip(header, row, strict=True))
    assert (cells["person"], cells["branch"], cells["scenario"]) == ("'" + payload,) * 3
    assert (cells["email"], cells["score"], cells["max_score"], cells["percent"]) == (
        person.email,
        "4",
        "4",
        "100",
    )
