"""The dashboard in a real browser: axe at 360 px and on a desktop, in English and Spanish, and a keyboard
path to a chart's data table."""

import pytest

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser

DASHBOARD = "/reports/?period=quarter&year=2026&number=1"


def test_the_supervisors_dashboard_fits_a_phone_in_spanish(phone_page, records):
    page = phone_page
    browser_sign_in(page, records.world.users["supervisor"].email, PASSWORD)
    page.goto(DASHBOARD)
    check_accessibility(page, "dashboard-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "dashboard-phone")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Quejas por categoría").first.is_visible()
    check_accessibility(page, "dashboard-phone-es")
    screenshot(page, "dashboard-phone-es")


def test_the_directors_dashboard_on_a_desktop_and_a_keyboard_path_to_a_data_table(desktop_page, records):
    page = desktop_page
    director = records.world.users["administrator"]
    records.world.system.director = director
    records.world.system.save(update_fields=["director"])
    browser_sign_in(page, director.email, PASSWORD, totp_device=TOTPDeviceFactory(user=director))
    page.goto(DASHBOARD)
    check_accessibility(page, "dashboard-desktop")
    screenshot(page, "dashboard-desktop")

    table = page.locator(".chart__data").first
    assert table.bounding_box()["width"] <= 1  # shown to screen readers only, until asked for
    first_disclosure = page.locator(".chart__toggle summary").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if first_disclosure.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the data table's disclosure cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    assert table.bounding_box()["width"] > 200
    assert table.get_by_role("rowheader").first.is_visible()
    check_accessibility(page, "dashboard-desktop-table-open")
    screenshot(page, "dashboard-desktop-table-open")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    check_accessibility(page, "dashboard-desktop-es")
    screenshot(page, "dashboard-desktop-es")
