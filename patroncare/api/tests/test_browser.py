"""A token created on the account page at 360 px and on a desktop, in English and Spanish, used against the
API, and the reference page served from our own files."""

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.api.models import ApiToken
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def test_create_a_token_on_a_phone_and_use_it(phone_page, world, client):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/account/")
    page.get_by_role("link", name="Your API tokens").click()
    page.wait_for_url("**/account/api-tokens/")
    page.get_by_label("Name").fill("Help desk sync")
    page.get_by_label("What it may do").select_option("read")
    page.get_by_role("button", name="Create the token").click()
    secret = page.get_by_role("textbox", name="Token").input_value()
    assert secret.startswith("pc_")
    check_accessibility(page, "api-token-created-phone")
    screenshot(page, "api-token-created-phone")
    assert ApiToken.objects.get().prefix == secret[:10]
    answer = client.get("/api/v1/policies/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert answer.status_code == 200
    page.reload()
    assert secret not in page.content()
    assert page.get_by_role("button", name="Revoke “Help desk sync”").is_visible()
    assert ApiToken.objects.count() == 1


def test_the_tokens_page_in_spanish_on_a_phone(phone_page, world):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.goto("/account/api-tokens/")
    assert page.get_by_role("heading", name="Tokens de API").is_visible()
    check_accessibility(page, "api-tokens-es-phone")
    screenshot(page, "api-tokens-es-phone")


def test_the_reference_page_on_a_desktop(desktop_page, world):
    page = desktop_page
    page.goto("/api/v1/reference/")
    page.get_by_text("PatronCare API").first.wait_for()
    page.get_by_text("/api/v1/complaints/{id}/triage/").first.wait_for()
    screenshot(page, "api-reference-desktop")
