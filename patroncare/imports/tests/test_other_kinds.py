"""Exclusions (a plain ban list), complaints and community resources, from the files libraries keep: an
Excel ban list saved as semicolon CSV in Windows-1252, a Google Forms feedback sheet downloaded as XLSX with a
merged header cell, a LibInsight export of the referral list with a BOM."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from patroncare.audit.models import AuditEvent
from patroncare.complaints.models import Complaint, Status
from patroncare.conduct.models import Exclusion
from patroncare.conduct.tests.factories import RuleFactory
from patroncare.imports import services
from patroncare.imports.models import ImportedRow, ImportRun, Kind
from patroncare.imports.reading import read_table
from patroncare.incidents.models import Incident
from patroncare.notifications.models import Notification
from patroncare.patrons.models import Person
from patroncare.referrals.models import Resource

BAN_LIST = (
    "Patron Name;Card #;Branch;Date banned;Ban ends;Reason;Rule broken\r\n"
    "Jos\u00e9 Mart\u00ednez;21234000123456;All branches;3/5/2024;;"
    "Threatened a staff member at the circulation desk.;Threats\r\n"
    "Dana R.;;millbrook;2024-01-10;2024-02-10 ;Shouted in the quiet room after two warnings.;\r\n"
    ";;;;;;\r\n"
    ";;Oakton;5/1/2024;;Damaged a computer.;\r\n"
    "Sam Lee;;Oakton;13/25/2024;;Fought in the parking lot.;\r\n"
    "Kim Vo;;Oakton;2024-04-01;2024-03-01;Stole a laptop from the lab.;\r\n"
)
BAN_MAPPING = {
    "source": "Ban list (Excel)",
    "columns": {
        "person_name": "Patron Name",
        "card_number": "Card #",
        "branch": "Branch",
        "start_date": "Date banned",
        "end_date": "Ban ends",
        "reason": "Reason",
        "rules": "Rule broken",
    },
    "defaults": {"branch": "MIL"},
}


@pytest.fixture
def admin(world):
    return world.users["administrator"]


def _run(admin, kind, raw, name, mapping, dry_run=False):
    return services.import_records(
        actor=admin,
        kind=kind,
        table=read_table(raw, name),
        mapping=services.Mapping.from_dict(mapping),
        file_name=name,
        dry_run=dry_run,
    )


def _ban_list(admin, **kwargs):
    return _run(admin, Kind.EXCLUSIONS, BAN_LIST.encode("cp1252"), "banned.csv", BAN_MAPPING, **kwargs)


def test_a_ban_list_in_windows_1252_becomes_exclusions_decided_before(admin, world):
    rule = RuleFactory(system=world.system, code="3", title="No threats or violence")
    run = _ban_list(admin)
    assert (run.rows, run.created, run.failed) == (5, 2, 3)
    permanent = Exclusion.objects.get(person__name="Jos\u00e9 Mart\u00ednez")
    assert (permanent.outcome, permanent.branch, permanent.end_date) == ("permanent", None, None)
    assert permanent.start_date == date(2024, 3, 5)
    assert permanent.person.card_number == "21234000123456"
    assert list(permanent.rules.all()) == [rule]
    assert permanent.recommendation == "Decided before PatronCare; from \u201cBan list (Excel)\u201d."
    assert permanent.deviation_reason == ""
    suspension = Exclusion.objects.get(person__name="Dana R.")
    assert (suspension.outcome, suspension.branch.code) == ("suspension", "MIL")
    assert (suspension.start_date, suspension.end_date) == (date(2024, 1, 10), date(2024, 2, 10))
    assert suspension.incidents.get().narrative == "Shouted in the quiet room after two warnings."
    assert Notification.objects.count() == 0  # no one is asked to approve a decision made long ago


def test_the_ban_list_errors_are_in_plain_words(admin):
    run = _ban_list(admin, dry_run=True)
    by_row = {error["row"]: error["messages"] for error in run.errors}
    assert sorted(by_row) == [5, 6, 7]
    assert by_row[5] == ["Name: The row names no one: give a name, a card number or a description."]
    assert by_row[6] == [
        "First day: \u201c13/25/2024\u201d is not a date we can read (try 2024-03-05 or 3/5/2024)."
    ]
    assert by_row[7] == ["Last day: The last day cannot be before the first day."]
    assert Exclusion.objects.count() == 0 and Incident.objects.count() == 0 and Person.objects.count() == 0


def test_importing_the_ban_list_again_changes_nothing_and_undo_removes_it(admin):
    run = _ban_list(admin)
    again = _ban_list(admin)
    assert (again.created, again.skipped, again.failed) == (0, 2, 3)
    assert Exclusion.objects.count() == 2
    assert services.import_undo(actor=admin, run=run) == 2
    assert Exclusion.objects.count() == 0 and Incident.objects.count() == 0
    assert AuditEvent.objects.filter(event="imports.undone").count() == 1


def test_an_exclusion_that_was_appealed_or_changed_keeps_its_import(admin):
    run = _ban_list(admin)
    Exclusion.objects.filter(pk=run.imported_rows.first().object_id).update(version=2)
    with pytest.raises(ValidationError):
        services.import_undo(actor=admin, run=run)
    assert Exclusion.objects.count() == 2 and ImportedRow.objects.count() == 2


def test_only_an_administrator_brings_in_exclusions(world):
    with pytest.raises(ValidationError):
        _ban_list(world.users["supervisor"])
    assert Exclusion.objects.count() == 0 and ImportRun.objects.count() == 0


def _feedback_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "Your feedback", None, "Which library?", "Email Address", "Staff response"])
    sheet.merge_cells("B1:C1")  # a title typed over two columns: both are "Your feedback"
    sheet.append(
        ["3/5/2024 14:30:00", "Complaint", "I was charged twice for one lost book.", "Millbrook",
         "ana@example.org", "Refunded the second charge."]
    )  # fmt: skip
    sheet.append([None] * 6)
    sheet.append(
        ["2024-03-06 09:15", "Praise", "The children's librarian was wonderful.", "oakton branch", "", ""]
    )
    sheet.append(["last week", "Complaint", "Nobody answered the phone.", "Oakton", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FEEDBACK_MAPPING = {
    "source": "Feedback Google Form",
    "columns": {"received_at": "Timestamp", "branch": "Which library?", "patron_email": "Email Address",
                "resolution": "Staff response"},
    "defaults": {"channel": "web", "severity": "minor"},
}  # fmt: skip


def test_a_feedback_sheet_with_a_merged_header_becomes_complaints_without_mailing_anyone(admin, world):
    raw = _feedback_xlsx()
    table = read_table(raw, "feedback.xlsx")
    assert table.header[1:3] == ["Your feedback", "Your feedback (2)"]
    mapping = {**FEEDBACK_MAPPING}
    mapping["columns"] = {**mapping["columns"], "kind": "Your feedback", "narrative": "Your feedback (2)"}
    mail.outbox.clear()
    run = _run(admin, Kind.COMPLAINTS, raw, "feedback.xlsx", mapping)
    assert (run.rows, run.created, run.failed) == (3, 2, 1)
    assert run.errors[0]["row"] == 5
    first = Complaint.objects.get(branch__code="MIL")
    assert first.status == Status.CLOSED and first.channel == "web"
    assert first.received_at.astimezone(world.system.zone).isoformat().startswith("2024-03-05T14:30:00")
    assert Complaint.objects.get(branch__code="OAK").anonymous
    assert mail.outbox == [] and Notification.objects.count() == 0
    again = _run(admin, Kind.COMPLAINTS, raw, "feedback.xlsx", mapping)
    assert (again.created, again.skipped) == (0, 2)
    assert services.import_undo(actor=admin, run=run) == 2
    assert Complaint.objects.count() == 0


LIBINSIGHT = (
    "\ufeffEntry ID,Entered,Organization,Program,Need,Phone,Web,Languages spoken,Hours,Last checked\r\n"
    '9001,2024-02-01 10:00:00,Harbor Food Pantry,Weekly groceries,"Food; basic needs",555-0101,'
    "harborpantry.org,English / Spanish,Tue & Thu 10-2,2/1/2024\r\n"
    "9002,2024-02-03 11:00:00,County Crisis Line,24/7 crisis support,Mental health crisis,988,,"
    "English,Always open,\r\n"
    ",,,,,,,,,\r\n"
    "9003,2024-02-04 09:00:00,Nowhere Club,Bingo,Hobbies,,,,,\r\n"
)
LIBINSIGHT_MAPPING = {
    "source": "LibInsight referrals",
    "columns": {"organisation": "Organization", "name": "Program", "categories": "Need", "phone": "Phone",
                "website": "Web", "languages": "Languages spoken", "hours_note": "Hours",
                "last_verified_on": "Last checked"},
    "row_key": "Entry ID",
}  # fmt: skip


def test_a_libinsight_export_fills_the_referrals_directory(admin, world):
    run = _run(admin, Kind.RESOURCES, LIBINSIGHT.encode("utf-8"), "libinsight.csv", LIBINSIGHT_MAPPING)
    assert (run.rows, run.created, run.failed) == (3, 2, 1)
    assert run.errors[0]["messages"] == [
        "Needs: Match the row's needs to at least one category of the directory."
    ]
    pantry = Resource.objects.get(organisation="Harbor Food Pantry")
    assert (pantry.name, pantry.languages, pantry.website) == (
        "Weekly groceries",
        "en,es",
        "https://harborpantry.org",
    )
    assert pantry.last_verified_on == date(2024, 2, 1)
    assert {c.slug for c in pantry.categories.all()} >= {"food"}
    crisis = Resource.objects.get(organisation="County Crisis Line")
    assert crisis.last_verified_on is None and crisis.categories.exists()
    assert _run(admin, Kind.RESOURCES, LIBINSIGHT.encode(), "libinsight.csv", LIBINSIGHT_MAPPING).skipped == 2
    Resource.objects.filter(pk=pantry.pk).update(version=2)
    with pytest.raises(ValidationError):
        services.import_undo(actor=admin, run=run)
    assert Resource.objects.count() == 2
