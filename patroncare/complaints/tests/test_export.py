"""The complaints CSV: owner, category and branch names that look like formulas reach the sheet as text."""

import csv
import io

import pytest
from django.urls import reverse

from patroncare.libraries.models import Branch

from .factories import CategoryFactory, record

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(1)", "\t=1+1"]


@pytest.fixture
def case(world):
    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="moderate")
    return complaint


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_column_is_formula_safe(world, case, signed_in, payload):
    owner = world.users["supervisor"]
    owner.full_name = payload
    owner.save()
    Branch.objects.filter(pk=world.branch.pk).update(name=payload)
    category = CategoryFactory(system=world.system, key="formula", name=payload, name_es=payload)
    case.owner, case.category = owner, category
    case.save()

    rows = _rows(signed_in(owner).get(reverse("complaints:export")))

    header, row = rows
    cells = dict(zip(header, row, strict=True))
    assert (cells["owner"], cells["category"], cells["branch"]) == ("'" + payload,) * 3
    assert cells["reference"] == case.reference
    assert cells["received"] == case.received_at.isoformat()
    assert cells["overdue"] == "no"
