"""The sign-in flows in Chromium against the real OpenID provider (Node's oidc-provider)."""

import pytest
from django.contrib.auth import get_user_model

from patroncare.accounts.models import Role
from patroncare.sso.models import RoleMapping, Source
from patroncare.testing.browser import check_accessibility, screenshot

from . import servers

pytestmark = pytest.mark.browser
User = get_user_model()


def _at_the_provider(page, login: str) -> None:
    page.wait_for_url("http://127.0.0.1:*/interaction/**")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(servers.ACCOUNTS[login]["password"])
    page.get_by_role("button", name="Continue").click()


def test_a_member_of_staff_signs_in_with_the_library_account_on_a_phone(phone_page, provider, world):
    page = phone_page
    page.goto("/account/sign-in/")
    check_accessibility(page, "sso-sign-in-phone")
    screenshot(page, "sso-sign-in-phone")

    page.get_by_role("link", name="Sign in with Riverside staff account").click()
    _at_the_provider(page, "maria")

    page.wait_for_url("**/desk/")
    user = User.objects.get(email="maria.santos@riverside.example")
    assert list(user.role_assignments.values_list("role", "branch_id")) == [(Role.FRONTLINE, world.branch.pk)]
    screenshot(page, "sso-signed-in-desk-phone")


def test_a_person_without_a_mapped_group_is_told_in_spanish_on_a_phone(phone_page, provider, world):
    page = phone_page
    page.goto("/account/sign-in/")
    page.get_by_role(
        "button", name="Español"
    ).click()  # signed out, the language switch shows without the menu
    page.wait_for_load_state()

    page.get_by_role("link", name="Iniciar sesión con Cuenta del personal de Riverside").click()
    _at_the_provider(page, "lee")

    page.wait_for_url("**/account/sign-in/")
    assert "ninguno de sus grupos le da un rol en PatronCare" in page.locator("main").inner_text()
    assert not User.objects.filter(email="lee.park@riverside.example").exists()
    check_accessibility(page, "sso-refused-es-phone")
    screenshot(page, "sso-refused-es-phone")


def test_an_administrator_with_provider_mfa_edits_the_mapping_on_a_desktop(desktop_page, provider, world):
    page = desktop_page
    page.goto("/account/sign-in/")
    page.get_by_role("link", name="Sign in with Riverside staff account").click()
    _at_the_provider(page, "dana")
    page.wait_for_url("**/desk/")  # no PatronCare code asked: the provider reported multi-factor

    page.goto("/sso/settings/")
    page.get_by_label("Source (required)").select_option(Source.LDAP)
    page.get_by_label("Group (required)").fill("Branch Managers")
    page.get_by_label("Role (required)").select_option(Role.SUPERVISOR)
    page.get_by_label("Branch", exact=True).select_option(label="Millbrook Branch")
    page.get_by_role("button", name="Add the mapping").click()
    page.wait_for_url("**/sso/settings/")
    assert "It applies at each person's next sign-in." in page.locator("main").inner_text()
    assert RoleMapping.objects.filter(
        group="Branch Managers", role=Role.SUPERVISOR, branch=world.branch
    ).exists()
    check_accessibility(page, "sso-settings-desktop")
    screenshot(page, "sso-settings-desktop")

    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert "Inicio de sesión único" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page, "sso-settings-es-desktop")
    screenshot(page, "sso-settings-es-desktop")
