"""Issuing an exclusion and opening its letter; filing and deciding an appeal."""

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from patroncare.conduct.models import Appeal, Exclusion
from patroncare.incidents.tests.factories import IncidentFactory, PersonFactory
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def incident(conduct):
    person = PersonFactory(system=conduct.system, card_number="21000777001", description="Orange vest")
    return IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["8"]],
        subject=person,
        behaviours=["threats"],
        summary="Threat at the desk",
    )


def _issue(page, incident):
    page.goto(f"/incidents/{incident.pk}/")
    page.get_by_role("link", name="Consider a consequence").click()
    check_accessibility(page, "exclusion-form")
    assert (
        "First severe violation in 2 years: 1 month to 3 months"
        in page.locator(".recommendation").inner_text()
    )
    page.get_by_label("Conditions for return").fill("Meet the branch manager before your first visit.")
    page.get_by_role("button", name="Issue the exclusion").click()
    page.wait_for_url("**/conduct/exclusions/*/")
    return Exclusion.objects.get()


def test_issue_an_exclusion_and_open_its_letter(desktop_page, conduct, incident):
    page = desktop_page
    browser_sign_in(page, conduct.users["supervisor"].email, PASSWORD)
    exclusion = _issue(page, incident)
    assert exclusion.length_days == 30 and exclusion.deviation_reason == ""
    check_accessibility(page, "exclusion-detail")
    screenshot(page, "exclusion-detail")
    for name in ("Notice letter (English, PDF)", "Carta de aviso (español, PDF)"):
        href = page.get_by_role("link", name=name).get_attribute("href")
        response = page.request.get(href)
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF-")
    page.goto("/conduct/")
    assert "Orange vest" in page.locator("main").inner_text()
    check_accessibility(page, "exclusion-board")


def test_file_and_decide_an_appeal(desktop_page, conduct, incident):
    director = UserFactory(
        library_system=conduct.system, full_name="Evelyn Director", roles=[(Role.SUPERVISOR, None)]
    )
    conduct.system.director = director
    conduct.system.save()
    page = desktop_page
    browser_sign_in(page, conduct.users["supervisor"].email, PASSWORD)
    exclusion = _issue(page, incident)
    page.get_by_label("What the person says").fill("I was upset about my card; I apologise.")
    page.get_by_role("button", name="Record the appeal").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    assert Appeal.objects.get().decision == ""
    page.context.clear_cookies()
    browser_sign_in(page, director.email, PASSWORD)
    page.get_by_role("link", name=f"Appeal of {exclusion.person}'s exclusion").click()
    check_accessibility(page, "appeal-decide")
    page.get_by_label("Shortened", exact=True).check()
    page.get_by_label("Reason", exact=False).first.fill("A first exclusion and a written apology.")
    new_end = exclusion.start_date.replace(day=exclusion.start_date.day)
    page.get_by_label("New last day (if shortened)").fill(new_end.isoformat())
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    exclusion.refresh_from_db()
    assert exclusion.end_date == new_end
    href = page.get_by_role("link", name="Decision letter (English, PDF)").get_attribute("href")
    assert page.request.get(href).body().startswith(b"%PDF-")
    check_accessibility(page, "exclusion-after-appeal")


def test_every_other_page_is_accessible(desktop_page, conduct, incident):
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from patroncare.incidents.models import CheckIn

    admin = conduct.users["administrator"]
    checkin = CheckIn.objects.create(incident=incident, staff_member=admin, due_on=timezone.localdate())
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    page = desktop_page
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    pages = {
        "incident-list": "/incidents/",
        "incident-patterns": "/incidents/patterns/",
        "incident-retention": "/incidents/retention/",
        "checkin": f"/incidents/check-ins/{checkin.pk}/",
        "rule-list": "/conduct/rules/",
        "rule-form": f"/conduct/rules/{conduct.rules['4'].pk}/",
        "ladder": "/conduct/ladder/",
        "appeal-rules": "/conduct/appeal-rules/",
        "exclusion-list": "/conduct/exclusions/",
        "periodic-review": "/conduct/review/",
        "desk-with-sections": "/desk/",
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        check_accessibility(page, name)


def test_an_administrator_enters_a_published_class_and_its_row_on_a_phone(phone_page, conduct, incident):
    """Class E of a library's table, added on a 360-px screen, drives the recommendation."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from patroncare.rulebook.models import BehaviourClass, LadderStep

    admin = conduct.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    page = phone_page
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/conduct/ladder/")
    page.locator("#id_class-name").fill("Class E")
    page.locator("#id_class-rank").fill("5")
    page.locator("#id_class-in_sentence").fill("Class E")
    page.get_by_role("button", name="Add the class").click()
    page.wait_for_url("**/conduct/ladder/")
    class_e = BehaviourClass.objects.get(system=conduct.system, name="Class E")

    page.locator("#id_step-behaviour_class").select_option(label="Class E")
    page.locator("#id_step-offence_from").fill("1")
    page.locator("#id_step-lookback_days").fill("1825")
    page.locator("#id_step-counts").select_option("any")
    page.locator("#id_step-outcome").select_option("pending_review")
    page.get_by_role("button", name="Add the row").click()
    page.wait_for_url("**/conduct/ladder/")
    assert LadderStep.objects.filter(behaviour_class=class_e, counts="any").exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "ladder-with-class-e-phone")
    screenshot(page, "ladder-with-class-e-phone")

    rule = conduct.rules["8"]
    page.goto(f"/conduct/rules/{rule.pk}/")
    page.locator("#id_behaviour_class").select_option(label="Class E")
    page.get_by_label("What changed, and why").fill("Threats moved to Class E as adopted by the board")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/conduct/rules/")
    page.goto(f"/incidents/{incident.pk}/")
    page.get_by_role("link", name="Consider a consequence").click()
    assert (
        "First violation of any class in 5 years: immediate suspension pending review"
        in page.locator(".recommendation").inner_text()
    )


def test_the_administrators_setup_card_on_a_phone_in_spanish(phone_page, world):
    admin = world.users["administrator"]
    page = phone_page
    browser_sign_in(page, admin.email, PASSWORD, totp_device=TOTPDeviceFactory(user=admin))
    page.locator(".language-switch button[value=es]").click()
    page.wait_for_load_state()
    page.goto("/desk/")
    card = page.locator("#desk-rulebook-setup").locator("xpath=..")
    assert "Normas, exclusiones y conservación por configurar" in card.inner_text()
    assert "Todavía no hay normas de conducta" in card.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the desk scrolls sideways at 360 px ({width} px)"
    check_accessibility(page, "desk-setup-card-es-phone")
    card.scroll_into_view_if_needed()
    screenshot(page, "desk-setup-card-es-phone")


def test_the_administrators_setup_card_on_a_desktop_links_to_each_setting(desktop_page, world):
    page = desktop_page
    admin = world.users["administrator"]
    browser_sign_in(page, admin.email, PASSWORD, totp_device=TOTPDeviceFactory(user=admin))
    page.goto("/desk/")
    card = page.locator("#desk-rulebook-setup").locator("xpath=..")
    card.get_by_role("link", name="No exclusion limits are set for any role").click()
    page.wait_for_url("**/conduct/ladder/#limits")
    page.goto("/desk/")
    check_accessibility(page, "desk-setup-card-en-desktop")
    screenshot(page, "desk-setup-card-en-desktop")
