"""The dashboard and the board report on the benchmark's generated complaints, incidents and exclusions."""

from django.urls import reverse

from .models import BoardReport, ReportPeriod
from .services import board_report_create


def generate(context, scale):
    director = context.staff["director"]
    year = context.today.year
    if not BoardReport.objects.filter(
        system=context.system, period_kind=ReportPeriod.YEAR, year=year
    ).exists():
        board_report_create(actor=director, period_kind=ReportPeriod.YEAR, year=year)


def pages(context):
    director, supervisor = context.staff["director"], context.staff["supervisor"]
    year = context.today.year
    report = BoardReport.objects.get(system=context.system, period_kind=ReportPeriod.YEAR, year=year)
    dashboard = reverse("reports:dashboard")
    return [
        ("dashboard, a year, whole system (director)", f"{dashboard}?period=year&year={year}", director),
        (
            "dashboard, a quarter, one branch (supervisor)",
            f"{dashboard}?period=quarter&year={year}",
            supervisor,
        ),
        (
            "dashboard table as XLSX",
            reverse("reports:table_export", args=["complaints-category", "xlsx"]),
            director,
        ),
        (
            "board report PDF (English)",
            reverse("reports:board_report_pdf", args=[report.pk]) + "?language=en",
            director,
        ),
    ]
