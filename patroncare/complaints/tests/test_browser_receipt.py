"""In a browser: a complaint recorded at the desk leaves a receipt with the codes and a QR code, and the case
file leads with its next step, on a phone and on a desktop, in English and in Spanish."""

import re

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.complaints.models import Complaint
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _record_at_the_desk(page, world):
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/complaints/new/")
    page.get_by_label("What happened, in the patron's words").fill(
        "The group at the tables near the window shouted all afternoon and nobody came."
    )
    page.get_by_label("Patron's name").fill("Walter Briggs")
    page.get_by_label("Patron's e-mail").fill("walter.briggs@example.net")
    page.get_by_label("Severity").select_option("moderate")
    page.get_by_role("button", name="Record").click()
    page.wait_for_url("**/receipt/")


def test_a_desk_complaint_leaves_a_receipt_with_a_qr_code(phone_page, world):
    page = phone_page
    _record_at_the_desk(page, world)
    complaint = Complaint.objects.get()
    assert page.locator("[data-reference]").inner_text() == complaint.reference
    secret = page.locator("[data-secret]").inner_text()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}( [A-HJ-NP-Z2-9]{4}){3}", secret)
    qr = page.get_by_role("img", name=re.compile("QR code of the status page address"))
    assert qr.is_visible() and qr.bounding_box()["width"] <= 360
    assert page.get_by_role("button", name="Print slip").is_visible()
    assert page.locator("[data-status-url]").inner_text().endswith("/feedback/status/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "desk-receipt-phone")
    screenshot(page, "desk-receipt-phone")
    # On paper only the slip: the buttons, the e-mail form and the site around it are left out.
    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="For the patron").is_visible()
    assert not page.get_by_role("button", name="Print slip").is_visible()
    assert not page.get_by_role("heading", name="Give the patron the codes").is_visible()
    screenshot(page, "desk-receipt-print")
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Done").click()
    page.wait_for_url(f"**/complaints/{complaint.pk}/")
    page.get_by_role("heading", name="Next step: Triage").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "case-file-next-step-phone")
    screenshot(page, "case-file-next-step-phone")
    page.get_by_role("link", name="Triage the case").click()
    assert page.locator("#action-triage").get_attribute("open") is not None
    page.go_back()
    page.goto(f"/complaints/{complaint.pk}/receipt/")
    assert page.locator("[data-secret]").count() == 0 and secret not in page.content()


def test_the_receipt_and_the_case_file_in_spanish_on_a_desktop(desktop_page, world):
    page = desktop_page
    _record_at_the_desk(page, world)
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Para el usuario").wait_for()
    assert page.get_by_role("button", name="Imprimir comprobante").is_visible()
    check_accessibility(page, "desk-receipt-desktop-es")
    screenshot(page, "desk-receipt-desktop-es")
    page.get_by_role("button", name="Listo").click()
    page.get_by_role("heading", name="Próximo paso: Clasificación").wait_for()
    check_accessibility(page, "case-file-next-step-desktop-es")
    screenshot(page, "case-file-next-step-desktop-es")
