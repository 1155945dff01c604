"""A person's page on a phone and a desktop, in English and Spanish, and the erasure request it leads to."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_on_a_phone(phone_page, world, held):
    _read_what_is_held_and_what_must_be_kept(phone_page, world, held, "phone")


def test_on_a_desktop(desktop_page, world, held):
    _read_what_is_held_and_what_must_be_kept(desktop_page, world, held, "desktop")


def _read_what_is_held_and_what_must_be_kept(page, world, held, size):
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/patrons/")
    check_accessibility(page, f"patrons-list-{size}")
    page.goto(f"/patrons/{held.person.pk}/")
    main = page.locator("main").inner_text()
    assert held.complaint.reference in main and "Shouted at a patron" in main
    check_accessibility(page, f"patrons-person-{size}")
    screenshot(page, f"patrons-person-{size}")
    page.get_by_role("link", name="Erase, where the law allows").click()
    page.wait_for_url(f"**/retention/erase/{held.person.pk}/")
    kept = page.locator("main").inner_text()
    assert f"Incident #{held.incident.pk}" in kept and f"Exclusion #{held.exclusion.pk}" in kept
    assert "has an appeal open" in kept
    check_accessibility(page, f"retention-erase-{size}")
    screenshot(page, f"retention-erase-{size}")
    if size == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Lo que se conserva todavía" in page.locator("main").inner_text()
    check_accessibility(page, f"retention-erase-{size}-es")
    page.goto(f"/patrons/{held.person.pk}/")
    check_accessibility(page, f"patrons-person-{size}-es")
    screenshot(page, f"patrons-person-{size}-es")
