"""Importing the messy files libraries really have: a Google Forms export with free-text branch names, mixed
date formats and blank rows, with a BOM; Windows-1252 text; an XLSX whose header cells are merged."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from patroncare.audit.models import AuditEvent
from patroncare.imports import services
from patroncare.imports.models import ImportedRow, ImportRun, RunStatus
from patroncare.imports.reading import read_table
from patroncare.imports.values import parse_moment, suggest
from patroncare.incidents.models import Incident

GOOGLE_FORM = (
    "\ufeffTimestamp,Which library?,What happened,What kind of behaviour,Where\r\n"
    '3/5/2024 14:30:00,Millbrook,"A man shouted at the desk, then left when asked.",Rude,Children\'s area\r\n'
    ",,,,\r\n"
    "2024-03-06 09:15,millbrook branch,"
    '"The patron was a troublemaker and swore twice.","abusive language, threats",\r\n'
    "03/07/2024,Oakton,Loud phone call in the quiet room.,noise,\r\n"
    "yesterday,Millbrook,Someone left a bag.,,\r\n"
    "3/9/2024 10:00 AM,Atlantis Branch,A fight.,violence,\r\n"
    "3/10/2024 11:00,Millbrook,,noise,\r\n"
)
MAPPING = {
    "source": "Incident Google Form",
    "columns": {
        "occurred_at": "Timestamp",
        "branch": "Which library?",
        "narrative": "What happened",
        "behaviours": "What kind of behaviour",
        "location": "Where",
    },
    "row_key": "Timestamp",
}


@pytest.fixture
def admin(world):
    return world.users["administrator"]


def _run(admin, raw=None, name="form.csv", dry_run=False, mapping=MAPPING):
    raw = GOOGLE_FORM.encode("utf-8") if raw is None else raw
    return services.import_incidents(
        actor=admin,
        table=read_table(raw, name),
        mapping=services.Mapping.from_dict(mapping),
        file_name=name,
        dry_run=dry_run,
    )


def test_dates_in_us_and_iso_forms_are_read_in_the_library_time_zone(world):
    zone = world.system.zone
    assert parse_moment("3/5/2024 14:30:00", zone=zone).isoformat().startswith("2024-03-05T14:30:00")
    assert parse_moment("3/9/2024 10:00 AM", zone=zone).hour == 10
    assert parse_moment("2024-02-29", zone=zone).date().isoformat() == "2024-02-29"
    assert parse_moment("2/30/2024", zone=zone) is None
    assert parse_moment("yesterday", zone=zone) is None
    assert parse_moment("2024-03-05 00:16:02-16:00", zone=zone) is None
    assert parse_moment("2024-03-05T10:00:00+01:00", zone=zone).utcoffset().total_seconds() == 3600


def test_free_text_is_matched_to_the_library_names_by_similarity():
    branches = {"MIL": "Millbrook Branch", "OAK": "Oakton Branch"}
    assert suggest("millbrook branch", branches) == "MIL"
    assert suggest("Oakton", branches) == "OAK"
    assert suggest("Millbrok", branches) == "MIL"
    assert suggest("Atlantis Branch", branches) is None


def test_a_dry_run_shows_what_would_be_made_and_every_row_error_and_makes_nothing(admin):
    run = _run(admin, dry_run=True)
    assert (run.rows, run.created, run.failed, run.skipped) == (6, 3, 3, 0)
    assert [e["row"] for e in run.errors] == [6, 7, 8]  # the blank row 3 is not counted
    assert "“yesterday” is not a date we can read" in run.errors[0]["messages"][0]
    assert "“Atlantis Branch” is not a branch of the library" in run.errors[1]["messages"][0]
    assert run.errors[2]["messages"] == ["What happened: The row has no narrative."]
    assert (
        Incident.objects.count() == 0 and ImportRun.objects.count() == 0 and ImportedRow.objects.count() == 0
    )


def test_the_import_makes_incidents_through_the_report_service_and_counts_what_the_writing_help_flagged(
    admin, world
):
    run = _run(admin)
    assert (run.created, run.failed, run.flagged) == (3, 3, 1)
    incidents = Incident.objects.order_by("occurred_at")
    assert [i.branch.code for i in incidents] == ["MIL", "MIL", "OAK"]
    assert incidents[0].location.name == "Children's area"
    assert sorted(incidents[1].behaviours.values_list("behaviour", flat=True)) == [
        "abusive_language",
        "threats",
    ]
    assert incidents[1].level == "dangerous"
    assert incidents[1].writing_flags.exists()  # "troublemaker" is a label
    event = AuditEvent.objects.get(event="imports.imported")
    assert event.params == {"kind": "incidents", "created": 3, "skipped": 0, "failed": 3, "flagged": 1}


def test_importing_the_same_file_again_changes_nothing(admin):
    _run(admin)
    again = _run(admin)
    assert (again.created, again.skipped, again.failed) == (0, 3, 3)
    assert Incident.objects.count() == 3


def test_failed_rows_download_as_csv_to_fix_and_import_again(admin):
    run = _run(admin)
    table = read_table(GOOGLE_FORM.encode("utf-8"), "form.csv")
    text = services.failed_rows_csv(run, table.header)
    lines = list(__import__("csv").reader(io.StringIO(text)))
    assert lines[0] == ["row", "errors", *table.header]
    assert [line[0] for line in lines[1:]] == ["6", "7", "8"]
    fixed = text.replace("yesterday", "3/8/2024 16:00").replace("Atlantis Branch", "Oakton")
    fixed_rows = "\r\n".join(
        ",".join(f'"{c}"' for c in line[2:]) for line in __import__("csv").reader(io.StringIO(fixed))
    )
    second = _run(admin, raw=fixed_rows.replace('"row","errors",', "").encode(), name="fixed.csv")
    assert second.created == 2 and second.failed == 1


def test_windows_1252_text_is_read(admin, world):
    raw = "Timestamp,Which library?,What happened,What kind of behaviour,Where\r\n" + (
        "3/5/2024 14:30,Millbrook,\u201cSe\u00f1or\u201d shouted \u2013 then left.,Rude,\r\n"
    )
    run = _run(admin, raw=raw.encode("cp1252"), name="ban list.csv")
    assert run.created == 1
    assert Incident.objects.get().narrative == "\u201cSe\u00f1or\u201d shouted \u2013 then left."


def test_an_xlsx_with_merged_header_cells(admin):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "Which library?", "What happened", "What kind of behaviour", "Where"])
    sheet.append(["When", "", "Narrative", "", ""])
    sheet.merge_cells("A1:A2")
    sheet.append(["2024-03-05 14:30", "Millbrook", "Shouted at a patron at the computers.", "rude", ""])
    sheet.append([None, None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "incidents.xlsx")
    assert table.header[0] == "Timestamp"
    run = _run(admin, raw=buffer.getvalue(), name="incidents.xlsx")
    assert (run.created, run.failed) == (1, 1)  # the second header row is reported, not imported


def test_a_file_that_is_not_a_spreadsheet_is_refused(admin):
    with pytest.raises(ValidationError):
        read_table(b"\x89PNG\r\n\x1a\n\x00\x00", "photo.xlsx")
    with pytest.raises(ValidationError):
        read_table(b"a" * (20 * 1024 * 1024 + 1), "big.csv")


def test_only_an_administrator_imports_and_a_refusal_changes_nothing(world):
    with pytest.raises(ValidationError):
        _run(world.users["supervisor"])
    assert Incident.objects.count() == 0 and ImportRun.objects.count() == 0


def test_an_administrator_undoes_an_import_while_nothing_is_built_on_it(admin):
    run = _run(admin)
    assert services.import_undo(actor=admin, run=run) == 3
    assert Incident.objects.count() == 0 and ImportedRow.objects.count() == 0
    run.refresh_from_db()
    assert run.status == RunStatus.UNDONE and run.undone_by == admin
    assert AuditEvent.objects.get(event="imports.undone").params == {"run": run.pk, "removed": 3}
    assert _run(admin).created == 3  # undone rows may be imported again


def test_an_import_that_was_built_on_cannot_be_undone(admin):
    run = _run(admin)
    Incident.objects.filter(pk=run.imported_rows.first().object_id).update(version=2)
    with pytest.raises(ValidationError):
        services.import_undo(actor=admin, run=run)
    assert Incident.objects.count() == 3


def test_the_command_imports_with_a_progress_bar(admin, tmp_path):
    data, mapping = tmp_path / "form.csv", tmp_path / "mapping.json"
    data.write_bytes(GOOGLE_FORM.encode("utf-8"))
    mapping.write_text(json.dumps(MAPPING))
    out = io.StringIO()
    call_command(
        "import_records", str(data), kind="incidents", mapping=str(mapping), actor=admin.email,
        failed_rows=str(tmp_path / "failed.csv"), stdout=out,
    )  # fmt: skip
    assert "6 rows: created 3, already imported 0, failed 3, flagged by the writing help 1" in out.getvalue()
    assert (tmp_path / "failed.csv").read_text().count("\n") == 4
