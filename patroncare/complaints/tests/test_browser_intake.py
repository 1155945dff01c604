"""In a browser: Back and Send again makes no second case, and a shared library computer keeps nothing of
the previous patron, and a restricted case leaves its recorder only a receipt."""

import time

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.complaints.models import Complaint
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser
WORDS = "The printer took my money twice and nobody at the desk would give it back."


def _send_feedback(page, words=WORDS):
    page.goto("/feedback/")
    page.get_by_label("What happened?").fill(words)
    page.get_by_label("Your e-mail").fill("walter.briggs@example.net")
    time.sleep(3.2)  # the form refuses a submission faster than a person can type
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/feedback/thanks/")


def test_back_and_send_again_makes_no_second_case(phone_page, world):
    page = phone_page
    _send_feedback(page)
    reference = page.locator("[data-reference]").inner_text()
    page.go_back()
    page.wait_for_load_state()
    if page.get_by_label("What happened?").input_value() != WORDS:
        page.get_by_label("What happened?").fill(WORDS)  # the browser did not keep the text: typed again
        page.get_by_label("Your e-mail").fill("walter.briggs@example.net")
    time.sleep(3.2)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/feedback/thanks/")
    assert Complaint.objects.count() == 1
    assert "It was not sent twice" in page.content() and reference in page.content()
    check_accessibility(page, "feedback-sent-twice")
    screenshot(page, "feedback-sent-twice-phone")


def test_the_next_person_at_a_shared_computer_sees_nothing(phone_page, world):
    page = phone_page
    _send_feedback(page)
    reference = page.locator("[data-reference]").inner_text()
    secret = page.locator("[data-secret]").inner_text()
    check_accessibility(page, "feedback-thanks-shared")
    # The patron looks at the status page, then presses "I'm done".
    page.goto("/feedback/status/")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Secret").fill(secret)
    page.get_by_role("button", name="Show the status").click()
    page.get_by_role("heading", name=f"Your case {reference}").wait_for()
    page.get_by_label("Add information or reply to our message").fill("It happened at 3 pm on Tuesday.")
    page.get_by_role("button", name="Send my message").click()
    page.get_by_text("Your message has been added to your case.").wait_for()
    check_accessibility(page, "status-case-with-reply")
    screenshot(page, "status-case-with-reply-phone")
    page.get_by_role("button", name="I'm done: close my case on this computer").click()
    page.get_by_text("You have closed your case on this computer.").wait_for()
    # The next person: the thanks page, the status page and the history show nothing of the previous patron.
    for url in ("/feedback/thanks/", "/feedback/status/"):
        page.goto(url)
        assert reference not in page.content() and secret not in page.content(), url
    for _step in range(3):
        page.go_back()
        page.wait_for_load_state()
        assert secret not in page.content()
        assert "It happened at 3 pm on Tuesday." not in page.content()
    assert Complaint.objects.get(reference=reference).entries.filter(kind="patron_reply").exists()


def test_a_restricted_case_leaves_its_recorder_a_receipt(desktop_page, world):
    named = UserFactory(
        library_system=world.system, full_name="Gil Harmon", roles=[(Role.FRONTLINE, world.branch)]
    )
    page = desktop_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/complaints/new/")
    page.get_by_label("What happened, in the patron's words").fill(
        "The patron says the man at the returns desk laughed at her accent."
    )
    page.get_by_label("Staff members the complaint is about").select_option(label="Gil Harmon")
    check_accessibility(page, "complaint-create-staff-named")
    page.get_by_role("button", name="Record").click()
    page.get_by_role("heading", name="Passed to a supervisor").wait_for()
    assert "laughed at her accent" not in page.content()
    check_accessibility(page, "complaint-restricted-receipt")
    screenshot(page, "complaint-restricted-receipt")
    complaint = Complaint.objects.get()
    assert complaint.restricted and named.pk in complaint.named_staff_ids
