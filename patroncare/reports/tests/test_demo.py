import pytest
from django.urls import reverse

from patroncare.core.demo import load_demo
from patroncare.reports.models import BoardReport, BoardReportVersion

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_has_a_published_annual_report_and_a_quarterly_draft_and_loads_twice_without_change(client):
    context = load_demo()
    annual = BoardReport.objects.get(period_kind="year")
    assert annual.is_approved and annual.is_published
    assert annual.highlights_es and annual.changes_es and annual.public_summary_es
    assert BoardReport.objects.filter(period_kind="quarter", status="draft").count() == 1
    versions = BoardReportVersion.objects.count()

    load_demo(today=context.today)

    assert BoardReport.objects.count() == 2 and BoardReportVersion.objects.count() == versions
    page = client.get(reverse("public_figures:year", args=[annual.year]))
    assert page.status_code == 200
    assert "We print the opening hours of every branch on the receipt" in page.content.decode()
