"""The dashboard and its exports for each role: who sees what, who drills down, what leaves in a file."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from patroncare.audit.models import AuditEvent
from patroncare.complaints.tests.factories import CategoryFactory, ComplaintFactory

from .conftest import local

QUERY = "period=quarter&year=2026&number=1"
DASHBOARD = reverse("reports:dashboard") + "?" + QUERY


def test_the_dashboard_for_each_role(role_matrix, records):
    role_matrix(
        DASHBOARD,
        {
            "frontline": 403,
            "supervisor": 200,
            "administrator": 200,
            "security": 403,
            "trainer": 403,
            "trustee": 200,
            "other_branch_supervisor": 200,
            "other_system_admin": 200,
            "anonymous": 302,
        },
        hidden_text="Wrong information",
    )


def test_a_supervisor_drills_down_to_the_filtered_list_of_their_branch(signed_in, records):
    world = records.world
    page = signed_in(world.users["supervisor"]).get(DASHBOARD).content.decode()

    category = records.wrong_information.pk
    link = f"/complaints/?received_from=2026-01-01&amp;received_to=2026-03-31&amp;category={category}"
    assert link in page
    assert "Oakton Branch" not in page
    listed = signed_in(world.users["supervisor"]).get(link.replace("&amp;", "&"))
    assert listed.status_code == 200


def test_a_supervisor_who_asks_for_another_branch_is_told_and_sees_only_their_own(signed_in, records):
    world = records.world
    response = signed_in(world.users["supervisor"]).get(DASHBOARD + f"&branch={world.other_branch.pk}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "is not one of the available choices" in page
    assert "Oakton Branch" not in page
    assert "Millbrook Branch" in page


def test_a_trustee_sees_small_numbers_protected_and_never_a_link_to_records(signed_in, records):
    page = signed_in(records.world.users["trustee"]).get(DASHBOARD).content.decode()

    assert "fewer than 5" in page
    assert "/complaints/?" not in page and "/incidents/?" not in page
    assert "Share acknowledged on time (%)" in page  # the row is there, its percentage over 4 cases is not
    assert "50.0" not in page


def test_an_administrator_sees_the_exact_counts_and_shares(signed_in, records):
    page = signed_in(records.world.users["administrator"]).get(DASHBOARD).content.decode()

    assert "fewer than 5" not in page
    assert "50.0" in page
    assert "<summary>Show the data table</summary>" in page
    assert "Referrals by need" in page  # the place kept for the referrals' figures


def test_a_table_as_csv_carries_the_period_and_keeps_formulas_as_text(signed_in, records):
    world = records.world
    formula = CategoryFactory(system=world.system, name='=HYPERLINK("http://x","y")', name_es="=1+1")
    ComplaintFactory(branch=world.branch, category=formula, received_at=local(2026, 2, 9, 10), anonymous=True)
    url = reverse("reports:table_export", args=["complaints-category", "csv"]) + "?" + QUERY

    response = signed_in(world.users["administrator"]).get(url)

    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["Complaints by category"]
    assert lines[1] == ["Period", "Quarter 1 2026"]
    assert lines[2] == ["Compared with", "Quarter 4 2025", "Quarter 1 2025"]
    assert ['\'=HYPERLINK("http://x","y")', "1", "0", "0"] in lines
    assert ["Wrong information", "4", "1", "0"] in lines
    assert AuditEvent.objects.filter(event="reports.table_exported").count() == 1


def test_a_table_as_xlsx_keeps_formulas_as_text_and_numbers_as_numbers(signed_in, records):
    world = records.world
    formula = CategoryFactory(system=world.system, name="@SUM(A1)", name_es="@SUM(A1)")
    ComplaintFactory(branch=world.branch, category=formula, received_at=local(2026, 2, 9, 10), anonymous=True)
    url = reverse("reports:table_export", args=["complaints-category", "xlsx"]) + "?" + QUERY

    response = signed_in(world.users["administrator"]).get(url)

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][:2] == ["Period", "Quarter 1 2026"]
    assert ["'@SUM(A1)", 1, 0, 0] in values
    assert ["Wrong information", 4, 1, 0] in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_trustees_export_is_protected_too(signed_in, records):
    url = reverse("reports:table_export", args=["complaints-severity", "csv"]) + "?" + QUERY

    lines = list(csv.reader(io.StringIO(signed_in(records.world.users["trustee"]).get(url).content.decode())))

    assert ["Small numbers protected", "yes"] in lines
    assert ["Minor", "fewer than 5", "0", "0"] in lines


def test_a_table_that_does_not_exist_or_a_format_we_do_not_make_is_404(signed_in, records):
    client = signed_in(records.world.users["administrator"])

    assert client.get(reverse("reports:table_export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("reports:table_export", args=["complaints-category", "exe"])).status_code == 404


def test_a_wrong_period_says_so_and_shows_the_current_quarter(signed_in, records):
    response = signed_in(records.world.users["administrator"]).get(
        reverse("reports:dashboard") + "?period=custom&first=2026-03-10&last=2026-03-01"
    )

    assert response.status_code == 200
    assert "The last day comes before the first." in response.content.decode()
