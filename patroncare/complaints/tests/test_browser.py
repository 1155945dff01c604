"""The whole path in a browser.

A patron writes in Spanish on a phone, staff triage and reply, the patron reads the reply on the status page,
and the case closes as systemic with a policy review.
"""

import time

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.complaints.models import Complaint, PolicyReview
from patroncare.complaints.services.configuration import categories_install_defaults
from patroncare.testing.browser import ARTIFACTS, browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _patron_submits_in_spanish(page, world):
    page.goto("/feedback/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    check_accessibility(page, "feedback-form-es")
    page.get_by_label("¿Qué biblioteca?").select_option(label=world.branch.name)
    page.get_by_label("¿Qué pasó?").fill(
        "Sonó la alarma de la puerta y el empleado dijo delante de todos que yo estaba robando. "
        "El libro estaba prestado a mi nombre."
    )
    page.get_by_label("Su correo electrónico").fill("ana.castillo@example.net")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    time.sleep(3.2)  # the form refuses a submission faster than a person can type
    page.get_by_role("button", name="Enviar").click()
    page.wait_for_url("**/feedback/thanks/")
    check_accessibility(page, "feedback-thanks-es")
    screenshot(page, "feedback-thanks-phone-es")
    return page.locator("[data-reference]").inner_text(), page.locator("[data-secret]").inner_text()


def _staff_triage_and_reply(page, world, reference):
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/complaints/")
    check_accessibility(page, "complaint-list")
    page.get_by_role("link", name=reference).click()
    check_accessibility(page, "complaint-file")
    triage = page.locator("#action-triage")
    triage.locator("summary").click()
    triage.get_by_label("Category").select_option(label="Wrongful accusation (for example of stealing)")
    triage.get_by_label("Serious").check()
    triage.get_by_label("Policy or procedure touched").fill("security gate alarms")
    triage.get_by_role("button", name="Save triage").click()
    page.get_by_text("The triage was saved.").wait_for()
    acknowledge = page.locator("#action-acknowledge")
    acknowledge.locator("summary").click()
    acknowledge.get_by_role("button", name="Acknowledge").click()
    page.get_by_text("The patron was acknowledged.").wait_for()
    respond = page.locator("#action-respond")
    respond.locator("summary").click()
    respond.get_by_label("Upheld", exact=True).check()
    respond.get_by_label("Reasons for the decision").fill(
        "Tenía razón: el libro estaba bien prestado y la alarma se debió a un error nuestro al desactivar la "
        "etiqueta. Nadie debió acusarle."
    )
    respond.get_by_label("Apology").check()
    respond.get_by_label("Staff coaching").check()
    respond.get_by_label("What we did").fill("Le pedimos disculpas y hablamos con el empleado.")
    respond.get_by_label("Nothing is outstanding").check()
    respond.get_by_label("Send by").select_option("email")
    check_accessibility(page, "complaint-file-respond")
    respond.get_by_role("button", name="Send response").click()
    page.get_by_text("The response was sent.").wait_for()


def test_whole_path_from_spanish_phone_form_to_systemic_review(chromium, live_server, world):
    categories_install_defaults(system=world.system)
    phone = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    desk = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    phone.set_default_timeout(10_000)
    desk.set_default_timeout(10_000)
    patron, staff = phone.new_page(), desk.new_page()
    try:
        reference, secret = _patron_submits_in_spanish(patron, world)
        complaint = Complaint.objects.get(reference=reference)
        assert (complaint.patron_language, complaint.channel, complaint.branch) == ("es", "web", world.branch)

        _staff_triage_and_reply(staff, world, reference)

        patron.goto("/feedback/status/")
        check_accessibility(patron, "status-lookup-es")
        patron.get_by_label("Referencia").fill(reference)
        patron.get_by_label("Clave").fill(secret)
        patron.get_by_role("button", name="Ver el estado").click()
        patron.get_by_text("Le pedimos disculpas y hablamos con el empleado.").wait_for()
        assert patron.locator("[data-status]").inner_text() == "Respuesta enviada"
        assert "security gate alarms" not in patron.content()  # internal triage never reaches the patron
        check_accessibility(patron, "status-case-es")
        screenshot(patron, "status-case-phone-es")

        close = staff.locator("#action-close")
        close.locator("summary").click()
        close.get_by_label("Systemic").check()
        close.get_by_label("Reason for this judgement").fill("Staff have no shared script for gate alarms.")
        close.get_by_label("Policy or procedure to review").fill(
            "Security gate alarms: what staff say and do"
        )
        close.get_by_label("Review owner").select_option(label=world.users["supervisor"].full_name)
        close.get_by_label("Review due by").fill("2027-01-29")
        close.get_by_role("button", name="Close").click()
        staff.get_by_text("The case was closed.").wait_for()
        staff.get_by_role("link", name="Security gate alarms: what staff say and do").click()
        check_accessibility(staff, "policy-review")
        assert staff.get_by_role("link", name=reference).is_visible()
        review = PolicyReview.objects.get()
        complaint.refresh_from_db()
        assert (complaint.status, complaint.judgement, complaint.review) == ("closed", "systemic", review)
    finally:
        phone.close()
        desk.close()


def test_staff_record_a_desk_complaint_with_one_short_form(desktop_page, world):
    page = desktop_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/complaints/new/")
    check_accessibility(page, "complaint-create")
    started = time.monotonic()
    # The fastest honest path: type what happened, keep the defaults (desk, own branch), add a name, record.
    page.get_by_label("What happened, in the patron's words").fill(
        "Was given change for a 5-dollar bill after paying with a 10 for a replacement card."
    )
    page.get_by_label("Patron's name").fill("Walter Briggs")
    page.get_by_role("button", name="Record").click()
    page.get_by_role("heading", name="For the patron").wait_for()
    elapsed = time.monotonic() - started
    complaint = Complaint.objects.get()
    assert page.locator("[data-reference]").inner_text() == complaint.reference
    assert page.locator("[data-secret]").inner_text()
    assert (complaint.branch, complaint.channel, complaint.patron_name) == (
        world.branch,
        "desk",
        "Walter Briggs",
    )
    assert elapsed < 120
    check_accessibility(page, "complaint-recorded")
    record = ARTIFACTS / "complaints-desk-record.txt"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(f"desk complaint recorded in {elapsed:.1f} s (scripted): 2 fields typed, 1 click\n")


def test_public_pages_work_at_phone_width(phone_page, world):
    page = phone_page
    for url, name in (
        ("/feedback/", "feedback-form-en"),
        ("/feedback/status/", "status-lookup-en"),
        ("/notices/", "notices"),
    ):
        page.goto(url)
        check_accessibility(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_case_list_and_file_fit_a_phone(phone_page, world):
    from .factories import record

    complaint, _secret = record(actor=world.users["supervisor"], branch=world.branch, severity="serious")
    page = phone_page
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/complaints/")
    check_accessibility(page, "complaint-list-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name=complaint.reference).click()
    page.locator("#action-respond summary").click()
    check_accessibility(page, "complaint-file-phone")
    screenshot(page, "complaint-file-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto("/desk/")
    check_accessibility(page, "desk-supervisor-complaints")
    screenshot(page, "desk-supervisor-phone")


def test_a_patron_over_the_rate_sends_after_the_phone_solves_the_check(phone_page, world, settings):
    """Over the rate (here: from the first message), the form asks for a proof of work, not a refusal."""
    settings.COMPLAINTS_FEEDBACK_RATE = "0/h"
    page = phone_page
    page.goto("/feedback/")
    narrative = "The lift to the children's floor has been out of order for three weeks."
    page.get_by_label("What happened?").fill(narrative)
    time.sleep(3.2)  # the form refuses a submission faster than a person can type
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert "short check" in page.content()
    assert page.get_by_label("What happened?").input_value() == narrative, "nothing typed is lost"
    check_accessibility(page, "feedback-proof-of-work-phone")
    screenshot(page, "feedback-proof-of-work-phone")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/feedback/thanks/", timeout=30_000)
    assert Complaint.objects.get().narrative == narrative
