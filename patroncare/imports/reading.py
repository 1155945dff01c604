"""Reading the files libraries have: CSV from Google Forms, Sheets, Excel or LibInsight (UTF-8 with or
without a BOM, or Windows-1252), and XLSX with merged header cells. Blank rows are dropped."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict]]  # (row number in the file, {column: text})


def _text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor Windows-1252 text."))


def _unique(header) -> list[str]:
    """A title merged over several columns names each of them: the second is "Title (2)", and so on."""
    seen, out = {}, []
    for name in (str(h or "").strip() for h in header):
        if name:
            seen[name] = seen.get(name, 0) + 1
            name = name if seen[name] == 1 else f"{name} ({seen[name]})"
        out.append(name)
    return out


def _table(header, lines, first_number):
    header = _unique(header)
    rows = []
    for number, values in enumerate(lines, start=first_number):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue  # a blank row
        rows.append(
            (number, {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name})
        )
    return Table(header=[h for h in header if h], rows=rows)


def read_csv(raw: bytes) -> Table:
    text = _text(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = list(csv.reader(io.StringIO(text), dialect))
    if not lines:
        raise ValidationError(_("The file is empty."))
    return _table(lines[0], lines[1:], 2)


def read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("The spreadsheet could not be read.")) from error
    sheet = book.worksheets[0]
    # A title merged across several header cells names each of them ("Incident" over "date", "time").
    for merged in list(sheet.merged_cells.ranges):
        value = sheet.cell(merged.min_row, merged.min_col).value
        sheet.unmerge_cells(str(merged))
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                sheet.cell(row, col).value = value
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    if not lines:
        raise ValidationError(_("The spreadsheet is empty."))
    return _table(lines[0], lines[1:], 2)


def read_table(raw: bytes, name: str) -> Table:
    """Checked by size and by content (an XLSX is a zip; anything else must be text)."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB. Split it and import each part."))
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx(raw)
    if name.lower().endswith((".xlsx", ".xls")):
        raise ValidationError(_("This is not an XLSX spreadsheet. Save it as .xlsx or .csv."))
    if b"\x00" in raw[:4096]:
        raise ValidationError(_("This is not a CSV or XLSX file."))
    return read_csv(raw)
