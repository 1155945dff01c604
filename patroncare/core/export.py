"""The one CSV writer of every export: cells that a spreadsheet would run as a formula are kept as text.

A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection: an owner named
=HYPERLINK("http://x","y") becomes a link in the supervisor's sheet), and some also after a tab, a carriage
return or leading spaces. Such text gets a leading single quote, which every spreadsheet shows as text. Real
numbers and dates are written as they are, so they stay numbers in the sheet; a negative number is not text.
"""

import csv
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")


def formula_safe(value):
    """`value` as a cell that cannot start a formula; numbers, dates and booleans untouched."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | date | datetime | time):
        return value
    text = str(value)
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


class FormulaSafeWriter:
    """csv.writer passing every cell through `formula_safe`; counts the rows it wrote (not the header)."""

    def __init__(self, stream):
        self._writer = csv.writer(stream)
        self.rows_written = 0

    def writeheader(self, header: Iterable) -> None:
        self._writer.writerow([formula_safe(cell) for cell in header])

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([formula_safe(cell) for cell in row])
        self.rows_written += 1

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> tuple[HttpResponse, int]:
    """A CSV download of `header` and `rows`, and the number of rows written (for the export's audit row)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"  # an export leaves access control; no cache keeps a copy
    writer = FormulaSafeWriter(response)
    writer.writeheader(header)
    writer.writerows(rows)
    return response, writer.rows_written


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> tuple[HttpResponse, int]:
    """The same export as an XLSX workbook (openpyxl's write-only mode: a long list takes little memory).

    Cells pass through `formula_safe` as in CSV: text never becomes a formula; numbers and dates stay values
    (aware date-times are written in UTC without their zone, which a spreadsheet cannot hold).
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([formula_safe(cell) for cell in header])
    count = 0
    for row in rows:
        cells = []
        for cell in row:
            value = formula_safe(cell)
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            cells.append(value)
        sheet.append(cells)
        count += 1
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    book.save(response)
    return response, count
