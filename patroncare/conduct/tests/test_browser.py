"""Issuing an exclusion and opening its letter; filing and deciding an appeal."""

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from patroncare.conduct.models import Appeal, Exclusion
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import Unit, period_last_day
from patroncare.patrons.tests.factories import PersonFactory
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


def issue_letter(page, name):
    """Press the letter's button as staff do (issuing is a POST) and return the response it leads to."""
    form = page.locator("form").filter(has=page.get_by_role("button", name=name, exact=True))
    token = form.locator("input[name=csrfmiddlewaretoken]").get_attribute("value")
    return page.request.post(
        form.get_attribute("action"), form={"csrfmiddlewaretoken": token}, headers={"Referer": page.url}
    )


def _issue(page, incident):
    page.goto(f"/incidents/{incident.pk}/")
    page.get_by_role("link", name="Consider a consequence").click()
    check_accessibility(page, "exclusion-form")
    assert (
        "First severe violation in the past 2 years: 1 to 3 months"
        in page.locator(".recommendation").inner_text()
    )
    page.get_by_label("Conditions for return", exact=True).fill(
        "Meet the branch manager before your first visit."
    )
    page.get_by_role("button", name="Issue the exclusion").click()
    page.wait_for_url("**/conduct/exclusions/*/")
    return Exclusion.objects.get()


def test_issue_an_exclusion_and_open_its_letter(desktop_page, conduct, incident):
    page = desktop_page
    browser_sign_in(page, conduct.users["supervisor"].email, PASSWORD)
    exclusion = _issue(page, incident)
    # "1 to 3 months": the form suggests the last day of one calendar month
    assert exclusion.end_date == period_last_day(exclusion.start_date, 1, Unit.MONTHS)
    assert exclusion.deviation_reason == ""
    check_accessibility(page, "exclusion-detail")
    screenshot(page, "exclusion-detail")
    for name in ("Notice letter (English, PDF)", "Carta de aviso (español, PDF)"):
        response = issue_letter(page, name)
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
    page.locator("textarea[name=decision_reason]").fill("A first exclusion and a written apology.")
    new_end = exclusion.start_date.replace(day=exclusion.start_date.day)
    page.get_by_label("New last day (if shortened)").fill(new_end.isoformat())
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    exclusion.refresh_from_db()
    assert exclusion.end_date == new_end
    assert issue_letter(page, "Decision letter (English, PDF)").body().startswith(b"%PDF-")
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
    page.locator("#id_step-lookback_number").fill("5")
    page.locator("#id_step-lookback_unit").select_option("years")
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
        "First violation of any class in the past 5 years: immediate suspension pending review"
        in page.locator(".recommendation").inner_text()
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_ladder_row_in_months_with_no_look_back_at_phone_and_desktop(
    chromium, live_server, conduct, language
):
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from patroncare.rulebook.models import LadderStep
    from patroncare.testing.browser import DESKTOP, PHONE, _close, _new_page

    admin = conduct.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    step = LadderStep.objects.get(
        system=conduct.system, behaviour_class__rank=2, for_minors=False, offence_from=3
    )
    context, page = _new_page(chromium, live_server, PHONE)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto(f"/conduct/ladder/steps/{step.pk}/")
    page.locator("#id_lookback_unit").select_option("none")
    page.locator("#id_lookback_number").fill("")
    page.locator("#id_length_min").fill("6")
    page.locator("#id_length_max").fill("12")
    page.locator("#id_length_unit").select_option("months")
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url("**/conduct/ladder/")
    step.refresh_from_db()
    assert (step.lookback_unit, step.length_min, step.length_max, step.length_unit) == (
        "none",
        6,
        12,
        "months",
    )
    text = page.locator("main").inner_text()
    if language == "es":
        assert "sin período de revisión" in text and "Suspensión: de 6 a 12 meses" in text
        assert "12 meses" in text
    else:
        assert "no look-back" in text and "Suspension: 6 to 12 months" in text
        assert "12 months" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, f"ladder-units-phone-{language}")
    screenshot(page, f"ladder-units-phone-{language}")
    page.set_viewport_size(DESKTOP)
    page.goto("/conduct/ladder/")
    check_accessibility(page, f"ladder-units-desktop-{language}")
    screenshot(page, f"ladder-units-desktop-{language}")
    _close(context, page)


def test_a_notice_given_earlier_is_recorded_and_the_letter_kept_as_sent(
    desktop_page, phone_page, chromium, conduct, incident
):
    from datetime import timedelta

    from patroncare.conduct.letters import exclusion_notice_html
    from patroncare.conduct.models import Letter
    from patroncare.libraries.calendar import today_in

    page = desktop_page
    browser_sign_in(page, conduct.users["supervisor"].email, PASSWORD)
    exclusion = _issue(page, incident)
    first = issue_letter(page, "Notice letter (English, PDF)").body()
    assert issue_letter(page, "Notice letter (English, PDF)").body() == first and Letter.objects.count() == 1
    # Typed a day late: the date is yesterday, and the form asks why.
    Exclusion.objects.filter(pk=exclusion.pk).update(
        issued_at=exclusion.issued_at - timedelta(days=2), start_date=exclusion.start_date - timedelta(days=2)
    )
    yesterday = today_in(conduct.system) - timedelta(days=1)
    page.reload()
    page.get_by_label("How the notice was delivered").select_option("in_person")
    page.locator("#id_delivery-delivered_on").fill(yesterday.isoformat())
    page.get_by_role("button", name="Record the delivery").click()
    assert "say why it is recorded only now" in page.locator("main").inner_text()
    page.get_by_label("Why it is recorded later than it was given").fill(
        "Paper notice handed over during an outage."
    )
    page.get_by_role("button", name="Record the delivery").click()
    page.wait_for_url(f"**/conduct/exclusions/{exclusion.pk}/")
    main = page.locator("main").inner_text()
    assert "Counted from the day the notice was given" in main and Letter.objects.get().short_hash in main
    check_accessibility(page, "exclusion-detail-letters")
    screenshot(page, "exclusion-detail-letters")
    browser_sign_in(phone_page, conduct.users["supervisor"].email, PASSWORD)
    phone_page.goto(f"/conduct/exclusions/{exclusion.pk}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone_page, "exclusion-detail-letters-phone")
    exclusion = Exclusion.objects.get(pk=exclusion.pk)
    letter_page = chromium.new_page(viewport={"width": 800, "height": 1100})
    for language in ("en", "es"):
        letter_page.set_content(exclusion_notice_html(exclusion, language=language))
        screenshot(letter_page, f"notice-letter-{language}")
    letter_page.close()


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
