"""Find help as staff use it: from the desk, on a phone, in two taps, in English and Spanish."""

from datetime import time

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.referrals import services
from patroncare.referrals.models import Category
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .factories import HoursFactory, ResourceFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(world):
    services.categories_install_standard(system=world.system)
    shelter = Category.objects.get(system=world.system, slug="shelter-housing")
    resource = ResourceFactory(
        system=world.system,
        organisation="Harbor House",
        name_en="Night shelter",
        name_es="Albergue nocturno",
        description_en="Beds for adults from 8 pm.",
        description_es="Camas para adultos desde las 8 p. m.",
        website="https://harborhouse.example.org/",
        categories=[shelter],
    )
    for weekday in range(7):
        HoursFactory(resource=resource, weekday=weekday, opens=time(20), closes=time(8))
    return resource


def _find_shelter(page):
    # Tap one: the need on the desk; tap two: the resource.
    page.get_by_role("link", name="Shelter and housing").first.click()
    page.wait_for_url("**/help/?need=shelter-housing")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "find-help-results-phone")
    screenshot(page, "find-help-results-phone")
    page.get_by_role("link", name="Night shelter").click()
    page.get_by_role("heading", level=1, name="Night shelter").wait_for()


def test_find_help_from_the_desk_on_a_phone_in_two_taps_and_count_the_referral(phone_page, world, directory):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/desk/")
    check_accessibility(page, "desk-with-find-help")
    _find_shelter(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "find-help-resource-phone")
    screenshot(page, "find-help-resource-phone")
    page.get_by_role("button", name="Referral made").click()
    page.get_by_text("The referral was counted.").wait_for()
    check_accessibility(page, "find-help-counted-phone")


def test_find_help_in_spanish_on_a_phone(phone_page, world, directory):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/desk/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.get_by_role("link", name="Albergue y vivienda").first.click()
    page.get_by_role("link", name="Albergue nocturno").click()
    page.get_by_role("heading", level=1, name="Albergue nocturno").wait_for()
    assert page.get_by_text("Camas para adultos").is_visible()
    check_accessibility(page, "find-help-resource-phone-es")
    screenshot(page, "find-help-resource-phone-es")


def test_the_directory_on_a_desktop(desktop_page, world, directory):
    page = desktop_page
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/help/directory/")
    check_accessibility(page, "directory-desktop")
    screenshot(page, "directory-desktop")
    page.goto(f"/help/{directory.pk}/edit/")
    check_accessibility(page, "resource-edit-desktop")
    screenshot(page, "resource-edit-desktop")
