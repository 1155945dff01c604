"""An administrator writes a policy's Spanish version beside the English one, on a phone and a desktop, in
Spanish; staff then read it in Spanish, and an English-only title is marked as English."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.policies.models import Flexibility, Policy, PolicyArea
from patroncare.policies.services import policy_create
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _policies(world):
    admin = world.users["administrator"]
    for title, title_es in (("Food and drink", ""), ("Printing and copying", "Impresión y copias")):
        policy_create(
            actor=admin,
            system=world.system,
            title=title,
            title_es=title_es,
            area=PolicyArea.SPACES,
            flexibility=Flexibility.FLEXIBLE,
            body="Covered drinks are welcome." if not title_es else "Ten pages a day are free.",
            body_es="" if not title_es else "Diez páginas al día son gratuitas.",
        )
    return admin


def _write_spanish_version(page, world, name):
    admin = _policies(world)
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    if name.endswith("phone"):
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    food = Policy.objects.get(title_en="Food and drink")
    page.goto(f"/policies/{food.pk}/edit/")
    assert page.locator('input[name="title_es"]').get_attribute("lang") == "es"
    check_accessibility(page, f"policy-versions-{name}")
    screenshot(page, f"policy-versions-{name}")
    page.get_by_label("Título (Español)").fill("Comida y bebida")
    page.get_by_label("Texto de la norma (Español)").fill("Las bebidas con tapa son bienvenidas.")
    page.get_by_label("Qué cambió").fill("Versión en español")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(f"**/policies/{food.pk}/")
    assert page.get_by_role("heading", name="Comida y bebida").is_visible()
    food.refresh_from_db()
    assert (food.title_en, food.title_es) == ("Food and drink", "Comida y bebida")
    screenshot(page, f"policy-spanish-{name}")


def test_the_spanish_version_written_beside_the_english_on_a_phone(phone_page, world):
    _write_spanish_version(phone_page, world, "phone")


def test_the_spanish_version_written_beside_the_english_on_a_desktop(desktop_page, world):
    _write_spanish_version(desktop_page, world, "desktop")
