"""In a browser, on a phone and a desktop, in English and Spanish: the record form with where and when, the
patron's status page with the promises' progress, and the follow-up question answered once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.complaints import services
from patroncare.complaints.models import Complaint
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .factories import record

pytestmark = pytest.mark.browser


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_record_form_asks_where_and_when(request, live_server, world, language, size):
    page = request.getfixturevalue(f"{size}_page")
    user = UserFactory(
        library_system=world.system, roles=[(Role.FRONTLINE, world.branch)], preferred_language=language
    )
    browser_sign_in(page, user.email, PASSWORD)
    page.goto("/complaints/new/")
    check_accessibility(page, f"complaint-create-where-when-{size}-{language}")
    expected = timezone.localtime(timezone.now(), world.system.zone).strftime("%Y-%m-%dT%H")
    assert page.locator("#id_occurred_at").input_value().startswith(expected)
    assert page.locator("#severity-guidance").is_visible()
    if size == "phone":
        _fits(page, 360)
    screenshot(page, f"complaint-create-{size}-{language}")
    if language == "en" and size == "desktop":
        page.get_by_label("What happened, in the patron's words").fill("Charged twice for one print job.")
        page.get_by_label("Where in the branch").select_option(label="Millbrook Branch: Children's area")
        page.get_by_label("Severity").select_option("minor")
        page.get_by_label("Resolved now, at first contact (a one-off)").check()
        page.get_by_label("What was done to put it right").fill("Refunded the second charge.")
        page.get_by_role("button", name="Record").click()
        page.get_by_text("It was closed as resolved at first contact.").wait_for()
        complaint = Complaint.objects.get()
        assert complaint.status == "closed" and complaint.location.name == "Children's area"
        screenshot(page, "complaint-file-resolved-now")


def _answered_case(world, language="es"):
    keeper = UserFactory(
        library_system=world.system, full_name="Kim Keeper", roles=[(Role.FRONTLINE, world.branch)]
    )
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, patron_language=language)
    today = timezone.localdate(timezone=world.system.zone)
    services.complaint_respond(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        outcome="upheld",
        reasons="The fine was charged in error.",
        remedies=["apology", "fee_waived"],
        remedy_detail="We removed the fine.",
        outstanding=[
            {
                "description": "Check the returns scanner",
                "owner": keeper,
                "due_date": today + timedelta(days=5),
            },
            {"description": "Send a written apology", "owner": keeper, "due_date": today},
        ],
        review_info="Ask for a review from the status page.",
        channel="letter",
    )
    action = complaint.actions.get(description="Send a written apology")
    services.action_complete(actor=keeper, action=action)
    return complaint, secret, keeper


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_patron_sees_the_promises_progress(request, live_server, world, language, size):
    page = request.getfixturevalue(f"{size}_page")
    complaint, secret, keeper = _answered_case(world, language)
    page.goto("/feedback/status/")
    if language == "es":
        page.get_by_role("button", name="Español").click()
        page.wait_for_load_state()
    page.get_by_label("Reference" if language == "en" else "Referencia").fill(complaint.reference)
    page.get_by_label("Secret" if language == "en" else "Clave").fill(secret)
    page.get_by_role("button", name="Show the status" if language == "en" else "Ver el estado").click()
    heading = "What we promised to do" if language == "en" else "Lo que nos comprometimos a hacer"
    page.get_by_role("heading", name=heading).wait_for()
    body = page.locator("main").inner_text()
    assert "Check the returns scanner" in body and "Kim Keeper" not in body
    check_accessibility(page, f"status-promises-{size}-{language}")
    if size == "phone":
        _fits(page, 360)
    screenshot(page, f"status-promises-{size}-{language}")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_follow_up_is_answered_once_with_a_comment(request, live_server, world, language, size):
    page = request.getfixturevalue(f"{size}_page")
    # The case was written in the test's language: its follow-up page opens in that language by itself.
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch, patron_language=language)
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    url = f"/feedback/follow-up/{services.follow_up_token(complaint)}/"
    page.goto(url)
    check_accessibility(page, f"follow-up-{size}-{language}")
    if size == "phone":
        _fits(page, 360)
    screenshot(page, f"follow-up-{size}-{language}")
    page.get_by_label("Partly satisfied" if language == "en" else "Parcialmente satisfecho").check()
    page.locator("textarea[name=comment]").fill("Kind staff, slow reply.")
    page.get_by_role(
        "button", name="Confirm my answer" if language == "en" else "Confirmar mi respuesta"
    ).click()
    page.get_by_role("status").wait_for()
    page.goto(url)
    assert page.locator("textarea[name=comment]").count() == 0
    assert "Kind staff, slow reply." in page.locator("main").inner_text()
    check_accessibility(page, f"follow-up-answered-{size}-{language}")
    screenshot(page, f"follow-up-answered-{size}-{language}")
    complaint.refresh_from_db()
    assert (complaint.satisfaction, complaint.satisfaction_comment) == ("partly", "Kind staff, slow reply.")
