"""Who may issue, and a notice written for a Spanish letter, seen in Spanish on a phone and a desktop."""

import pytest
from django.conf import settings

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.conduct.models import Exclusion
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import Unit, period_last_day, today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.services import authority_group_create
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


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_who_may_issue_in_spanish(chromium, live_server, conduct, viewport):
    admin = conduct.users["administrator"]
    authority_group_create(
        actor=admin,
        system=conduct.system,
        name="Review team",
        name_es="Equipo de revisión",
        members=[conduct.users["supervisor"]],
        length_number=2,
        length_unit="years",
    )
    context, page = _new_page(chromium, live_server, DESKTOP if viewport == "desktop" else PHONE)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=TOTPDeviceFactory(user=admin))
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
    page.goto("/conduct/authority/")
    main = page.locator("main").inner_text()
    assert "Quién puede emitir" in main and "Equipo de revisión" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    check_accessibility(page, f"authority-es-{viewport}")
    screenshot(page, f"authority-es-{viewport}")
    _close(context, page)


def test_a_spanish_notice_asks_for_the_spanish_summary_and_keeps_what_was_typed(
    chromium, live_server, conduct
):
    person = PersonFactory(system=conduct.system, description="Chaqueta roja")
    incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["8"]],
        subject=person,
    )
    context, page = _new_page(chromium, live_server, PHONE)
    browser_sign_in(page, conduct.users["supervisor"].email, PASSWORD)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
    page.goto(f"/conduct/exclusions/new/?incident={incident.pk}&person={person.pk}")
    first_day = today_in(conduct.system)
    page.locator("[name=start_date]").fill(first_day.isoformat())
    page.locator("[name=end_date]").fill(period_last_day(first_day, 1, Unit.MONTHS).isoformat())
    page.locator("[name=letter_language]").select_option("es")
    page.locator("[name=conditions]").fill("Meet the branch manager first.")
    page.get_by_role("button", name="Emitir la exclusión").click()
    page.wait_for_load_state()
    assert "escriba en español lo que pasó" in page.locator("main").inner_text()
    assert Exclusion.objects.count() == 0
    assert page.locator("[name=conditions]").input_value() == "Meet the branch manager first."
    check_accessibility(page, "exclusion-form-spanish-letter-warning")
    screenshot(page, "exclusion-form-spanish-letter-warning")
    page.locator("[name=summary_es]").fill("Amenazó al personal en el mostrador.")
    page.locator("[name=conditions_es]").fill("Reúnase primero con la dirección de la sucursal.")
    page.get_by_role("button", name="Emitir la exclusión").click()
    page.wait_for_url("**/conduct/exclusions/*/")
    issued = Exclusion.objects.get()
    assert (issued.summary_es, issued.conditions) == (
        "Amenazó al personal en el mostrador.",
        "Meet the branch manager first.",
    )
    screenshot(page, "exclusion-issued-spanish")
    _close(context, page)
