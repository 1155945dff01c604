"""The one CSV writer: text that a spreadsheet would run as a formula comes back as text."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest

from patroncare.core.export import csv_response, formula_safe

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(1)", "\t=1+1", "\rHello", "  =1+1", "\tplain"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_could_start_a_formula_gets_a_leading_quote(payload):
    assert formula_safe(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", ["Millbrook Branch", "Wrong change", "a=b", "2026-03-01T10:00:00+00:00", ""]
)
def test_ordinary_text_is_unchanged(value):
    assert formula_safe(value) == value


@pytest.mark.parametrize(
    "value", [-2, 0, 7, 3.5, -0.25, Decimal("-1.50"), True, date(2026, 3, 1), datetime(2026, 3, 1, 9, 30)]
)
def test_numbers_dates_and_booleans_are_written_as_they_are(value):
    assert formula_safe(value) is value


def test_none_is_an_empty_cell():
    assert formula_safe(None) == ""


def test_the_response_is_a_csv_download_with_every_cell_safe_and_the_row_count():
    rows = iter([["=cmd|' /C calc'!A0", -3, "Oakton"], ["@SUM(1)", 4, "+1"]])
    response, count = csv_response("report.csv", ["name", "score", "branch"], rows)
    assert count == 2
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report.csv"'
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "no-store, private")
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["name", "score", "branch"],
        ["'=cmd|' /C calc'!A0", "-3", "Oakton"],
        ["'@SUM(1)", "4", "'+1"],
    ]
