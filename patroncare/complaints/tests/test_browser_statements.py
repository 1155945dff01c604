"""Public statements in a browser: the director's and a trustee's pages and the public notices, on a phone and
a desktop, in English and Spanish."""

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.complaints import services
from patroncare.complaints.models import Complaint
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .factories import record

pytestmark = pytest.mark.browser


@pytest.fixture
def statement_world(world):
    director = UserFactory(
        library_system=world.system, full_name="Dana Director", roles=[(Role.SUPERVISOR, None)]
    )
    world.system.director = director
    world.system.save()
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch, severity="serious")
    Complaint.objects.filter(pk=complaint.pk).update(outcome="upheld")
    statement = services.statement_draft(
        actor=world.users["supervisor"],
        complaint=Complaint.objects.get(pk=complaint.pk),
        title="An apology for a wrongful accusation at a security gate",
        body=(
            "A patron was wrongly told in public that they were stealing after a gate alarm sounded for a "
            "book properly checked out. We apologised. Every branch now follows one procedure when the "
            "alarm sounds: staff speak privately and never accuse."
        ),
    )
    return director, statement


def _spanish(page):
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_director_edits_the_draft_on_a_phone_in_english_and_spanish(phone_page, world, statement_world):
    director, statement = statement_world
    page = phone_page
    browser_sign_in(page, director.email, PASSWORD)
    page.goto(f"/complaints/statements/{statement.pk}/")
    assert page.locator("[data-missing-spanish]").is_visible()
    check_accessibility(page, "statement-draft-phone-en")
    screenshot(page, "statement-draft-phone-en")
    _fits(page, 360)
    page.get_by_label("Title in Spanish").fill(
        "Una disculpa por una acusación injusta en un arco de seguridad"
    )
    page.get_by_label("Statement in Spanish").fill(
        "A una persona se le dijo en público, por error, que estaba robando. Le pedimos disculpas."
    )
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert page.locator("[data-missing-spanish]").count() == 0
    page.get_by_role("button", name="Approve as director").click()
    page.wait_for_load_state()
    assert page.locator("[data-statement-status]").inner_text() == "Approved by the director"
    _spanish(page)
    check_accessibility(page, "statement-approved-phone-es")
    screenshot(page, "statement-approved-phone-es")
    _fits(page, 360)


def test_a_trustee_objects_on_a_desktop_and_the_notices_speak_spanish(
    desktop_page, phone_page, world, statement_world
):
    director, statement = statement_world
    services.statement_edit(
        actor=director,
        statement=statement,
        expected_version=statement.version,
        title=statement.title,
        body=statement.body,
        title_es="Una disculpa por una acusación injusta en un arco de seguridad",
        body_es="A una persona se le dijo en público, por error, que estaba robando. Le pedimos disculpas.",
    )
    services.statement_approve(actor=director, statement=statement)
    page = desktop_page
    browser_sign_in(page, world.users["trustee"].email, PASSWORD)
    check_accessibility(page, "desk-trustee-statement")
    page.get_by_role("link", name=statement.title).click()
    page.get_by_label("Your comment").fill("The statement should say when the staff training finished.")
    page.get_by_role("button", name="Add my comment").click()
    page.wait_for_load_state()
    check_accessibility(page, "statement-trustee-desktop-en")
    screenshot(page, "statement-trustee-desktop-en")
    _spanish(page)
    page.get_by_label("Su comentario").fill("Falta la fecha de la capacitación.")
    page.get_by_role("button", name="Presentar una objeción y devolverla a la dirección").click()
    page.wait_for_load_state()
    assert page.locator("[data-statement-status]").inner_text() == "Borrador"
    check_accessibility(page, "statement-objection-desktop-es")
    screenshot(page, "statement-objection-desktop-es")

    statement.refresh_from_db()
    services.statement_approve(actor=director, statement=statement)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    services.statement_publish(actor=director, statement=statement)
    public = phone_page
    public.goto("/notices/")
    _spanish(public)
    assert "Una disculpa por una acusación injusta" in public.content()
    check_accessibility(public, "notices-phone-es")
    screenshot(public, "notices-phone-es")
    _fits(public, 360)
