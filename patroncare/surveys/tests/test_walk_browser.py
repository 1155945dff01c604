"""A walk-through done on a 360 px phone, in English and in Spanish; the sheet with what changed."""

from datetime import timedelta
from pathlib import Path

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.libraries.calendar import today_in
from patroncare.surveys import walk_services
from patroncare.surveys.models import CheckPoint, PointRating, WalkPhoto
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def earlier_walk(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    walk_services.checklist_start(actor=world.users["administrator"], system=world.system)
    supervisor = world.users["supervisor"]
    walk = walk_services.walk_start(
        actor=supervisor, branch=world.branch, walked_on=today_in(world.system) - timedelta(days=120)
    )
    hours = CheckPoint.objects.get(key="entrance-hours")
    walk_services.walk_record_area(
        actor=supervisor, walk=walk, expected_version=1, area="entrance", ratings={hours: (1, "Faded")}
    )
    return walk


def test_a_walk_through_on_a_phone_in_english(phone_page, world, earlier_walk, tmp_path):
    page = phone_page
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/surveys/walks/")
    check_accessibility(page, "walks-phone")
    screenshot(page, "walks-phone")
    page.get_by_role("button", name="Start").wait_for()
    page.get_by_role("button", name="Start").click()
    page.get_by_role("heading", level=1, name="Entrance and first impression").wait_for()
    check_accessibility(page, "walk-area-phone")
    hours = CheckPoint.objects.get(key="entrance-hours")
    group = page.locator(f"#id_rating_{hours.pk}").locator("xpath=ancestor::fieldset[1]")
    group.get_by_label("Good", exact=True).check()
    page.locator(f"#id_note_{hours.pk}").fill("New sign, readable from the car park")
    photo = Path(tmp_path) / "door.png"
    photo.write_bytes(PNG)
    page.locator(f"#id_photo_{hours.pk}").set_input_files(str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "walk-area-phone")
    page.get_by_role("button", name="Save and see the walk-through").click()
    page.get_by_role("heading", level=2, name="What changed since the previous walk-through").wait_for()
    assert page.get_by_text("Needs action → Good").is_visible()
    check_accessibility(page, "walk-sheet-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "walk-sheet-phone")
    assert PointRating.objects.filter(walk__walked_on=today_in(world.system), rating=3).count() == 1
    assert WalkPhoto.objects.count() == 1


def test_a_walk_through_on_a_phone_in_spanish(phone_page, world, earlier_walk, tmp_path):
    page = phone_page
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/desk/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    page.goto("/surveys/walks/")
    page.get_by_role("button", name="Empezar").click()
    page.get_by_role("heading", level=1, name="Entrada y primera impresión").wait_for()
    hours = CheckPoint.objects.get(key="entrance-hours")
    group = page.locator(f"#id_rating_{hours.pk}").locator("xpath=ancestor::fieldset[1]")
    group.get_by_label("Podría mejorar", exact=True).check()
    check_accessibility(page, "walk-area-phone-es")
    screenshot(page, "walk-area-phone-es")
    page.get_by_role("button", name="Guardar y ver el recorrido").click()
    page.get_by_role("heading", level=2, name="Qué cambió desde el recorrido anterior").wait_for()
    check_accessibility(page, "walk-sheet-phone-es")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "walk-sheet-phone-es")
