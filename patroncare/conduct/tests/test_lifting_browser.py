"""Recording a request to lift a permanent exclusion, deciding it from the desk, and opening the letter."""

from datetime import timedelta

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.conduct.models import Exclusion, LiftRequest
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.conduct.tests.test_browser import issue_letter
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def permanent(conduct):
    conduct.director = UserFactory(
        library_system=conduct.system, full_name="Evelyn Director", roles=[(Role.SUPERVISOR, None)]
    )
    conduct.system.director = conduct.director
    conduct.system.save()
    today = today_in(conduct.system)
    conduct.today = today
    conduct.exclusion = ExclusionFactory(
        system=conduct.system,
        person=PersonFactory(system=conduct.system, name="Morgan Vale", description="Blue cap"),
        branch=conduct.branch,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=1200),
        lift_request_after=today - timedelta(days=100),
        issued_by=conduct.users["administrator"],
        rules=[conduct.rules["9"]],
    )
    return conduct


def test_record_and_grant_a_request_to_lift_then_open_the_letter(desktop_page, phone_page, permanent):
    exclusion = permanent.exclusion
    page = phone_page
    browser_sign_in(page, permanent.users["supervisor"].email, PASSWORD)
    page.goto(f"/conduct/exclusions/{exclusion.pk}/")
    section = page.locator("section[aria-labelledby=h-lift]")
    assert "may ask in writing for this exclusion to be lifted from" in section.inner_text()
    check_accessibility(page, "exclusion-lift-request-form")
    section.get_by_label("How it was received").select_option("letter")
    section.get_by_label("What the person says").fill("It has been three years; I ask to come back.")
    section.get_by_label("What has changed").fill("I finished an anger-management course.")
    section.get_by_role("button", name="Record the request").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    assert LiftRequest.objects.get().is_open
    check_accessibility(page, "exclusion-lift-request-open")
    page.locator("#h-lift").scroll_into_view_if_needed()
    screenshot(page, "exclusion-lift-request-open-360")

    page = desktop_page
    browser_sign_in(page, permanent.director.email, PASSWORD)
    page.get_by_role("link", name="Request to lift Morgan Vale's permanent exclusion").click()
    check_accessibility(page, "lift-decide")
    screenshot(page, "lift-decide")
    page.get_by_label("Granted", exact=True).check()
    page.get_by_label("Reason", exact=False).first.fill("Three years without incident; a course completed.")
    back = permanent.today + timedelta(days=7)
    page.get_by_label("May return from (if granted)").fill(back.isoformat())
    page.get_by_label("Conditions for return (if granted)").fill("Meet the branch manager first.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    assert Exclusion.objects.get(pk=exclusion.pk).end_date == back - timedelta(days=1)
    check_accessibility(page, "exclusion-lift-request-granted")
    page.locator("#h-lift").scroll_into_view_if_needed()
    screenshot(page, "exclusion-lift-request-granted")
    for name in (
        "Decision letter on the request to lift (English, PDF)",
        "Carta de decisión sobre la solicitud (español, PDF)",
    ):
        response = issue_letter(page, name)
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF-")
