"""The shell as people use it: sign in, two-factor, navigate, switch language, on a phone and by keyboard."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_front_line_staff_sign_in_on_a_phone_and_switch_to_spanish(phone_page, world):
    page = phone_page
    page.goto("/")
    check_accessibility(page, "sign-in")
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello")
    check_accessibility(page, "desk-frontline")
    # The narrow layout hides navigation behind the menu button; it opens and offers only the desk.
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    nav = page.get_by_role("navigation", name="Main")
    entries = nav.get_by_role("link").all_inner_texts()
    assert entries[0] == "Desk"
    assert not {"Library settings", "Staff", "Audit trail"} & set(entries)
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hola")
    assert page.locator("html").get_attribute("lang") == "es"
    check_accessibility(page, "desk-frontline-es")
    screenshot(page, "desk-phone-es")
    # The page is no wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_administrator_signs_in_with_a_code_and_reaches_settings_by_keyboard(desktop_page, world):
    page = desktop_page
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    page.goto("/account/sign-in/")
    page.get_by_label("E-mail address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/two-factor/verify/**")
    check_accessibility(page, "two-factor-verify")
    from django_otp.oath import TOTP

    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.keyboard.type(f"{code:06d}")  # the code field has focus on arrival
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/")
    check_accessibility(page, "desk-administrator")
    # Tab from the top of the page to the "Library settings" link and follow it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Library settings":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/settings/")
    check_accessibility(page, "settings-system")
    for path, name in [
        ("/settings/branches/", "settings-branches"),
        ("/settings/holidays/", "settings-holidays"),
        (f"/settings/branches/{world.branch.pk}/", "settings-branch"),
        (f"/settings/branches/{world.branch.pk}/edit/", "settings-branch-edit"),
        ("/settings/branches/new/", "settings-branch-new"),
        ("/staff/", "staff-list"),
        ("/staff/new/", "staff-new"),
        (f"/staff/{world.users['frontline'].pk}/", "staff-edit"),
        ("/audit/", "audit-trail"),
        ("/account/", "account"),
        ("/account/password/", "password-change"),
    ]:
        page.goto(path)
        check_accessibility(page, name)
    screenshot(page, "account-desktop")


def test_administrator_enrols_two_factor_on_first_sign_in(phone_page, world):
    page = phone_page
    admin = world.users["administrator"]
    page.goto("/account/sign-in/")
    page.get_by_label("E-mail address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/setup/")
    check_accessibility(page, "two-factor-setup")
    screenshot(page, "two-factor-setup-phone")
    # As a person would: the app gets the key shown on the page (nothing is stored before the code).
    from base64 import b32decode

    from django_otp.oath import TOTP

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    code = TOTP(b32decode(secret + "=" * (-len(secret) % 8))).token()
    page.get_by_label("Six-digit code from your authenticator app").fill(f"{code:06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_url("**/desk/")
    assert TOTPDevice.objects.get(user=admin).confirmed


def test_a_form_error_is_announced_and_keeps_what_was_typed(phone_page, world):
    page = phone_page
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto(f"/settings/branches/{world.branch.pk}/")
    page.get_by_label("First day closed").fill("2026-12-10")
    page.get_by_label("Last day closed").fill("2026-12-08")
    page.get_by_label("Reason (English)").fill("Roof repair")
    page.get_by_role("button", name="Add closure").click()
    summary = page.get_by_role("alert")
    assert "The last day closed cannot be before the first day closed." in summary.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    assert page.get_by_label("Reason (English)").input_value() == "Roof repair"
    check_accessibility(page, "settings-branch-error")
    screenshot(page, "form-error-phone")


def test_password_reset_pages_are_accessible(phone_page, world):
    page = phone_page
    page.goto("/account/password-reset/")
    check_accessibility(page, "password-reset")
    page.get_by_label("Email").fill(world.users["frontline"].email)
    page.get_by_role("button", name="Send the link").click()
    page.wait_for_url("**/sent/")
    check_accessibility(page, "password-reset-sent")
