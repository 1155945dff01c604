"""The XLSX export: the same rows as the CSV, within the reader's scope, formula-safe, audited."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from patroncare.audit.models import AuditEvent
from patroncare.complaints.tests.factories import CategoryFactory, ComplaintFactory


def test_the_complaints_list_exports_as_xlsx_with_the_filters_and_formula_safe(signed_in, world):
    category = CategoryFactory(system=world.system, key="x", name='=HYPERLINK("http://x","y")')
    ComplaintFactory(branch=world.branch, reference="MIL-0001", category=category, severity="serious")
    ComplaintFactory(branch=world.branch, reference="MIL-0002", severity="minor")
    ComplaintFactory(branch=world.other_branch, reference="OAK-0001", severity="serious")
    client = signed_in(world.users["supervisor"])
    response = client.get(reverse("complaints:export") + "?severity=serious&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "reference"
    assert [row[0] for row in rows[1:]] == ["MIL-0001"]
    assert rows[1][4] == '\'=HYPERLINK("http://x","y")'
    assert AuditEvent.objects.get(event="complaints.exported").params == {"count": 1}


def test_the_xlsx_export_is_refused_to_those_who_may_not_export(signed_in, world):
    ComplaintFactory(branch=world.branch, reference="MIL-0001")
    response = signed_in(world.users["frontline"]).get(reverse("complaints:export") + "?format=xlsx")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(event="complaints.exported").exists()
