"""An administrator changes a line of the schedule on a phone; the director places and releases a hold."""

from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.retention.models import LegalHold, RetentionRule
from patroncare.retention.services import schedule_defaults_install
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .helpers import incident_closed_on, person

pytestmark = pytest.mark.browser


def test_an_administrator_changes_a_line_of_the_schedule_on_a_phone(phone_page, world):
    schedule_defaults_install(system=world.system)
    incident_closed_on(world, date(2015, 1, 1))
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    page = phone_page
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/retention/")
    section = page.locator("section", has=page.get_by_role("heading", name="Incident reports"))
    assert "1 record due now" in section.inner_text()
    check_accessibility(page, "retention-schedule-phone")
    screenshot(page, "retention-schedule-phone")
    section.locator("summary").click()
    section.get_by_label("Keep for").fill("7")
    section.get_by_role("button", name="Save this line").click()
    page.wait_for_url("**/retention/")
    assert "was saved" in page.locator("main").inner_text()
    rule = RetentionRule.objects.get(system=world.system, record_type="incidents.incident")
    assert (rule.keep_number, rule.keep_unit) == (7, "years")
    section = page.locator("section", has=page.get_by_role("heading", name="Incident reports"))
    section.locator("summary").click()
    section.get_by_label("Keep for").fill("2")
    section.get_by_label("Unit").select_option("weeks")
    section.get_by_role("button", name="Save this line").click()
    assert "at least 30 days" in page.locator(".error-summary").inner_text()
    check_accessibility(page, "retention-schedule-error")
    page.goto("/retention/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Plan de conservación" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page, "retention-schedule-es")
    screenshot(page, "retention-schedule-es")


def test_the_director_places_and_releases_a_hold(desktop_page, world):
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = director
    world.system.save()
    someone = person(world, card_number="21000555")
    page = desktop_page
    browser_sign_in(page, director.email, PASSWORD)
    page.goto("/retention/holds/")
    check_accessibility(page, "retention-holds-empty")
    page.get_by_label("What to hold").select_option(label="Person")
    page.get_by_label("Which one").fill("21000555")
    page.get_by_label("Reason").fill("Police request 2026-77")
    page.get_by_label("Review on").fill("2027-03-31")
    page.get_by_role("button", name="Place the hold").click()
    page.wait_for_url("**/retention/holds/")
    hold = LegalHold.objects.get()
    assert hold.record_id == someone.pk
    check_accessibility(page, "retention-holds")
    screenshot(page, "retention-holds")
    page.locator("summary", has_text="Release").click()
    page.get_by_label("Why it is released").fill("Investigation closed")
    page.get_by_role("button", name="Release the hold").click()
    page.wait_for_url("**/retention/holds/")
    hold.refresh_from_db()
    assert hold.released_at is not None
    assert "Investigation closed" in page.locator("main").inner_text()
