"""The board report: the director drafts, edits and approves it; trustees read it; its PDF names no one."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from patroncare.reports.models import BoardReport, BoardReportReading, ReportStatus
from patroncare.reports.services import board_report_approve, board_report_create, board_report_update
from patroncare.testing.browser import ARTIFACTS


@pytest.fixture
def director(records):
    world = records.world
    director = world.users["administrator"]
    world.system.director = director
    world.system.save(update_fields=["director"])
    director.library_system = world.system
    return director


def texts(**overrides):
    values = {
        "highlights_en": "Complaints about wrong information rose after the new opening hours.",
        "highlights_es": "Las quejas por información equivocada aumentaron tras el nuevo horario.",
        "changes_en": "We now print the opening hours on every receipt.",
        "changes_es": "Ahora imprimimos el horario en cada recibo.",
        "public_summary_en": "Patrons told us the opening hours were hard to find.",
        "public_summary_es": "Nos dijeron que el horario era difícil de encontrar.",
    }
    values.update(overrides)
    return values


@pytest.fixture
def approved(director):
    report = board_report_create(actor=director, period_kind="quarter", year=2026, quarter=1)
    board_report_update(actor=director, report=report, expected_version=report.version, **texts())
    return board_report_approve(actor=director, report=report, expected_version=report.version)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_director_drafts_edits_and_approves_and_every_save_is_a_version(signed_in, director):
    client = signed_in(director)

    response = client.post(
        reverse("reports:board_report_create"), {"period_kind": "quarter", "year": 2026, "quarter": 1}
    )
    report = BoardReport.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("reports:board_report_update", args=[report.pk]), {"version": 1, **texts()}
    )
    assert response.status_code == 302
    client.post(reverse("reports:board_report_approve", args=[report.pk]), {"version": 2})

    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.highlights_es.startswith("Las quejas")
    assert list(report.versions.values_list("number", "status")) == [
        (3, "approved"),
        (2, "draft"),
        (1, "draft"),
    ]
    assert report.versions.get(number=1).highlights_en == ""
    figures = report.figures["en"]["sections"][0]["tables"][0]
    assert figures["title"] == "Complaints by category"
    assert ["Wrong information", "fewer than 5", "fewer than 5", "0"] in figures["rows"]


def test_a_second_report_for_the_same_quarter_is_refused_and_nothing_is_added(signed_in, director, approved):
    response = signed_in(director).post(
        reverse("reports:board_report_create"), {"period_kind": "quarter", "year": 2026, "quarter": 1}
    )

    assert response.status_code == 400
    assert "There is already a board report for this period." in response.content.decode()
    assert BoardReport.objects.count() == 1


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(signed_in, director, approved):
    report = board_report_create(actor=director, period_kind="year", year=2025)
    board_report_update(actor=director, report=report, expected_version=report.version, **texts())

    response = signed_in(director).post(
        reverse("reports:board_report_update", args=[report.pk]),
        {"version": 1, **texts(highlights_en="Typed in a second tab")},
    )

    assert response.status_code == 400
    assert "Typed in a second tab" in response.content.decode()
    report.refresh_from_db()
    assert report.highlights_en.startswith("Complaints about")


def test_who_reads_an_approved_report(role_matrix, approved):
    url = reverse("reports:board_report", args=[approved.pk])
    role_matrix(
        url,
        {
            "frontline": 403,
            "supervisor": 403,
            "administrator": 200,
            "security": 403,
            "trainer": 403,
            "trustee": 200,
            "other_branch_supervisor": 403,
            "other_system_admin": 404,
            "anonymous": 302,
        },
        hidden_text="new opening hours",
    )


def test_trustees_never_see_a_draft(signed_in, director, records):
    report = board_report_create(actor=director, period_kind="year", year=2025)

    client = signed_in(records.world.users["trustee"])
    assert client.get(reverse("reports:board_report", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:board_report_pdf", args=[report.pk])).status_code == 404


def test_a_trustee_confirms_reading_once_and_others_cannot(signed_in, approved, records):
    world = records.world
    url = reverse("reports:board_report_read", args=[approved.pk])

    signed_in(world.users["trustee"]).post(url)
    signed_in(world.users["trustee"]).post(url)
    refused = signed_in(world.users["supervisor"]).post(url)

    assert refused.status_code == 403
    assert list(BoardReportReading.objects.values_list("reader_id", flat=True)) == [world.users["trustee"].pk]
    page = signed_in(world.users["trustee"]).get(reverse("reports:board_report", args=[approved.pk]))
    assert "You confirmed that you have read this report." in page.content.decode()


def test_a_supervisor_cannot_approve_and_nothing_changes(signed_in, director, records):
    report = board_report_create(actor=director, period_kind="year", year=2025)

    response = signed_in(records.world.users["supervisor"]).post(
        reverse("reports:board_report_approve", args=[report.pk]), {"version": report.version}
    )

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.versions.count() == 1


def test_the_pdf_in_english_and_spanish_holds_the_narrative_and_figures_and_no_identity(
    signed_in, approved, records
):
    client = signed_in(records.world.users["trustee"])
    url = reverse("reports:board_report_pdf", args=[approved.pk])

    english = client.get(url + "?language=en")
    spanish = client.get(url + "?language=es")

    assert english["Content-Type"] == "application/pdf"
    (ARTIFACTS / "reports").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "reports" / "board-report-en.pdf").write_bytes(english.content)
    (ARTIFACTS / "reports" / "board-report-es.pdf").write_bytes(spanish.content)
    text = pdf_text(english.content)
    assert "Board report Quarter 1 2026" in text
    assert "Complaints about wrong information rose after the new opening hours." in text
    assert "Complaints by category" in text and "fewer than 5" in text
    assert "Incidents by weekday and hour" in text
    for person in records.world.users.values():
        assert person.full_name not in text
    spanish_text = pdf_text(spanish.content)
    assert "Las quejas por información equivocada aumentaron" in spanish_text
    assert "Ahora imprimimos el horario" in spanish_text


def test_an_approved_annual_report_is_published_on_the_notices_page_in_both_languages(
    signed_in, client, director
):
    report = board_report_create(actor=director, period_kind="year", year=2026)
    board_report_update(actor=director, report=report, expected_version=report.version, **texts())
    public = reverse("public_figures:year", args=[2026])
    client.logout()
    assert client.get(public).status_code == 404

    report = board_report_approve(actor=director, report=report, expected_version=report.version)
    signed_in(director).post(reverse("reports:board_report_publish", args=[report.pk]))
    client.logout()

    english = client.get(public, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Patrons told us the opening hours were hard to find." in english
    assert "We now print the opening hours on every receipt." in english
    client.cookies.load({"django_language": "es"})
    spanish = client.get(public, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Nos dijeron que el horario era difícil de encontrar." in spanish
    assert "Ahora imprimimos el horario en cada recibo." in spanish


def test_a_quarterly_report_cannot_be_published(signed_in, director, approved):
    response = signed_in(director).post(reverse("reports:board_report_publish", args=[approved.pk]))

    assert response.status_code == 403
    approved.refresh_from_db()
    assert approved.published_at is None
