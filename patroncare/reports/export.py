"""A dashboard table as CSV or XLSX, with its period and filters at the top of the file.

Every cell goes through `patroncare.core.export.formula_safe`, in the spreadsheet as in the CSV: openpyxl
writes a string starting with "=" as a formula, so a category named "=HYPERLINK(...)" would otherwise run.
"""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from patroncare.core.export import csv_response, formula_safe

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_lines(table, dashboard) -> tuple[list, list[list]]:
    """(the first line, the lines after it): the title, period, comparisons and branches, then the table."""
    header = [table.title]
    lines = [
        [_("Period"), dashboard.period.label],
        [_("Compared with"), dashboard.previous.label, dashboard.last_year.label],
        [_("Branches"), ", ".join(dashboard.branch_names) or _("Every branch")],
    ]
    if dashboard.protected:
        lines.append([_("Small numbers protected"), _("yes")])
    lines.append([])
    lines.append(list(table.headers))
    for row in table.rows:
        lines.append([row.label, *[cell.shown for cell in row.cells]])
    if table.total:
        lines.append([_("Total"), *[cell.shown for cell in table.total]])
    return header, lines


def csv_download(table, dashboard, filename: str) -> tuple[HttpResponse, int]:
    header, lines = table_lines(table, dashboard)
    response, _written = csv_response(filename, header, lines)
    return response, len(table.rows)


def xlsx_download(table, dashboard, filename: str) -> tuple[HttpResponse, int]:
    from openpyxl import Workbook

    header, lines = table_lines(table, dashboard)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    for line in [header, *lines]:
        sheet.append([formula_safe(cell) for cell in line])
    stream = BytesIO()
    workbook.save(stream)
    response = HttpResponse(stream.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response, len(table.rows)
