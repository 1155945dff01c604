"""An administrator types a published table of 7 classes by 3 offences into the grid, by keyboard."""

import time

import pytest

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.rulebook.models import LadderStep
from patroncare.rulebook.services import behaviour_class_create
from patroncare.testing.browser import (
    DESKTOP,
    PHONE,
    _close,
    _new_page,
    browser_sign_in,
    check_accessibility,
    screenshot,
)

pytestmark = pytest.mark.browser

SECONDS_PER_KEY = 0.3  # a steady typist's pace, Tab and arrow keys included

# The published table: per class, one cell per offence (outcome key, then what a suspension or a permanent
# exclusion needs), or "copy" where the table repeats the class above.
TABLE = [
    [("w",), ("l",), ("s", "7", "7", "d")],
    "copy",
    [("l",), ("s", "1", "1", "m"), ("s", "3", "3", "m")],
    "copy",
    [("s", "1", "3", "m"), ("s", "6", "12", "m"), ("p", "2", "y")],
    [("i",), ("p", "3", "y"), ("p", "3", "y")],
    "copy",
]


class Keyboard:
    def __init__(self, page):
        self.page, self.keys = page, 0

    def press(self, key):
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text):
        self.page.keyboard.type(text)
        self.keys += len(text)

    def focused(self) -> str:
        return self.page.evaluate("document.activeElement.name || ''")

    def tab_to(self, name):
        for _ in range(40):
            if self.focused() == name:
                return
            self.press("Tab")
        assert self.focused() == name, f"Tab did not reach {name}"


def _enter_table(page, classes) -> Keyboard:
    keyboard = Keyboard(page)
    page.locator(f"[name='r-a-{classes[0].pk}-lookback_number']").focus()
    for behaviour_class, row in zip(classes, TABLE, strict=True):
        if row == "copy":
            for _ in range(40):
                if page.evaluate("document.activeElement.value || ''") == f"copy:r-a-{behaviour_class.pk}":
                    break
                keyboard.press("Tab")
            keyboard.press("Enter")
            continue
        for offence, cell in enumerate(row, start=1):
            key = f"c-a-{behaviour_class.pk}-{offence}"
            keyboard.tab_to(f"{key}-outcome")
            keyboard.press(cell[0])
            if cell[0] == "s":
                keyboard.tab_to(f"{key}-length_min")
                keyboard.type(cell[1])
                keyboard.tab_to(f"{key}-length_max")
                keyboard.type(cell[2])
                keyboard.tab_to(f"{key}-length_unit")
                keyboard.press(cell[3])
            elif cell[0] == "p":
                keyboard.tab_to(f"{key}-lift_after_number")
                keyboard.type(cell[1])
                keyboard.tab_to(f"{key}-lift_after_unit")
                keyboard.press(cell[2])
    # Enter in a box saves the table.
    keyboard.press("Tab")
    keyboard.tab_to(f"r-a-{classes[-1].pk}-lookback_number")
    with page.expect_navigation():
        keyboard.press("Enter")
    return keyboard


def test_a_published_table_of_seven_classes_is_typed_in_far_under_ten_minutes(chromium, live_server, world):
    admin = world.users["administrator"]
    device = TOTPDeviceFactory(user=admin)
    classes = [
        behaviour_class_create(actor=None, system=world.system, rank=rank, name=f"Class {letter}")
        for rank, letter in enumerate("ABCDEFG", start=1)
    ]
    context, page = _new_page(chromium, live_server, DESKTOP)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/conduct/ladder/table/")
    check_accessibility(page, "ladder-grid-empty")
    started = time.monotonic()
    keyboard = _enter_table(page, classes)
    elapsed = time.monotonic() - started
    simulated = keyboard.keys * SECONDS_PER_KEY + elapsed
    print(f"\nladder grid: {keyboard.keys} keystrokes, {elapsed:.1f} s elapsed, {simulated:.1f} s simulated")
    assert simulated < 600
    steps = LadderStep.objects.filter(system=world.system)
    assert steps.count() == 19
    b_third = steps.get(behaviour_class=classes[1], offence_from=3)
    assert (b_third.offence_to, b_third.outcome, b_third.length_min, b_third.length_unit) == (
        None,
        "suspension",
        7,
        "days",
    )
    g_later = steps.get(behaviour_class=classes[6], offence_from=2)
    assert (g_later.offence_to, g_later.outcome, g_later.lift_after_number) == (None, "permanent", 3)
    assert "Rows added: 19" in page.locator("main").inner_text()
    check_accessibility(page, "ladder-grid-saved")
    screenshot(page, "grid-desktop-en")
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "grid-phone-en")
    _close(context, page)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_grid_in_spanish_with_an_error_on_a_cell(chromium, live_server, conduct, viewport):
    from django.conf import settings

    admin = conduct.users["administrator"]
    device = TOTPDeviceFactory(user=admin)
    context, page = _new_page(chromium, live_server, DESKTOP if viewport == "desktop" else PHONE)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
    page.goto("/conduct/ladder/table/")
    assert "Introducir la escala como una tabla" in page.locator("h1").inner_text()
    length = page.locator("[name$='-3-length_min']").first
    length.fill("")
    page.get_by_role("button", name="Guardar la tabla").click()
    assert "Una suspensión necesita su duración" in page.locator(".error-summary").inner_text()
    assert length.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    check_accessibility(page, f"ladder-grid-error-es-{viewport}")
    screenshot(page, f"grid-{viewport}-es")
    _close(context, page)
