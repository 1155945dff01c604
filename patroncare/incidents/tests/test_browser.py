"""Reporting an incident on a 360-pixel phone, as front-line staff do it, timed and with taps counted."""

import json
import time

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.incidents.models import Incident
from patroncare.rulebook.services import rules_install_defaults
from patroncare.testing.browser import ARTIFACTS, browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_report_an_incident_on_a_phone(phone_page, world):
    rules_install_defaults(system=world.system)
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    taps = 0
    started = time.monotonic()
    page.goto("/incidents/new/")
    check_accessibility(page, "incident-report-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # One branch: it is already chosen, and the time is now. The writer ticks, types and sends.
    page.get_by_label("Abusive language, insults or slurs").check()
    taps += 1
    page.get_by_label("In a few words").fill("Insults at the desk over a fine")
    taps += 1
    page.get_by_label("What happened, in order").fill(
        "He was rude and called the clerk a useless idiot twice."
    )
    taps += 1
    help_box = page.locator(".writing-help")
    help_box.wait_for()
    assert "rude" in help_box.inner_text()
    check_accessibility(page, "incident-report-writing-help")
    screenshot(page, "incident-report-phone")
    page.get_by_label("What happened, in order").fill(
        "He raised his voice and called the clerk a useless idiot twice, then threw the receipt."
    )
    page.locator(".writing-help").wait_for(state="detached")
    page.get_by_label("4. Respectful conduct").check()
    taps += 1
    page.locator("#id_people-0-role").select_option("subject")
    taps += 1
    page.locator("#id_people-0-description").fill("Green cap, denim jacket")
    taps += 1
    page.get_by_label("Gave a warning").check()
    taps += 1
    page.get_by_role("button", name="Send the report").click()
    taps += 1
    page.wait_for_url("**/incidents/*/")
    seconds = time.monotonic() - started
    incident = Incident.objects.get()
    assert incident.summary == "Insults at the desk over a fine"
    assert incident.involvements.get(role="subject").person.description == "Green cap, denim jacket"
    assert set(incident.writing_flags.values_list("term", "kept")) == {("rude", False)}
    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Incident #{incident.pk}")
    check_accessibility(page, "incident-detail-phone")
    screenshot(page, "incident-detail-phone")
    out = ARTIFACTS / "measurements"
    out.mkdir(parents=True, exist_ok=True)
    (out / "incident-report-phone.json").write_text(json.dumps({"taps": taps, "seconds": round(seconds, 1)}))
    assert seconds < 180


def test_a_draft_survives_a_closed_tab(phone_page, world):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/incidents/new/")
    page.get_by_label("In a few words").fill("Half-written report")
    page.get_by_label("What happened, in order").fill("She said she would come back")
    page.get_by_label("What happened, in order").press("Tab")
    page.locator("#draft-status:has-text('Draft saved')").wait_for()
    page.wait_for_load_state("networkidle")
    # Closing the tab and opening the form again restores the text from this browser.
    page.goto("/desk/")
    page.goto("/incidents/new/")
    assert page.get_by_label("In a few words").input_value() == "Half-written report"
    assert page.locator("#restored-notice").is_visible()
    # And from the server, on another device: the draft is listed with the incidents.
    page.evaluate("window.localStorage.clear()")
    page.goto("/incidents/")
    page.get_by_role("link", name="Half-written report").click()
    assert page.get_by_label("What happened, in order").input_value() == "She said she would come back"
