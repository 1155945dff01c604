"""Exceptions at the desk and their approval, and the managers' pages, as people use them."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.policies.models import EntryKind, EntryStatus, ExceptionEntry, Flexibility, YesOMeterRating
from patroncare.policies.tests.factories import ExceptionEntryFactory, PolicyFactory, PolicyReviewFactory
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/**")


def test_log_an_exception_that_needs_approval_and_approve_it(phone_page, world):
    page = phone_page
    policy = PolicyFactory(system=world.system, title="Fines and fees", flexibility=Flexibility.FIRM)
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto(f"/policies/{policy.pk}/")
    check_accessibility(page, "policy-detail-phone")
    page.get_by_role("link", name="Log an exception or a refusal").click()
    page.wait_for_url("**/policies/exceptions/new/**")
    assert page.get_by_text("A supervisor may grant an exception; it is recorded.").is_visible()
    check_accessibility(page, "exception-form-phone")
    page.get_by_label("Exception: we bent the policy").check()
    page.get_by_label("What was asked").fill("Asked to waive the charge for a book damaged by rain.")
    page.get_by_label("What was granted").fill("Replacement charge waived.")
    page.get_by_label("Why (required)", exact=True).fill("First time; the copy was due to be withdrawn.")
    page.get_by_label("How it was put to the patron").fill("Said this was a one-off exception.")
    page.get_by_role("button", name="Log it").click()
    page.wait_for_url("**/policies/exceptions/*/")
    assert page.get_by_text("A supervisor of Millbrook Branch will be asked to approve it.").is_visible()
    entry = ExceptionEntry.objects.get()
    assert entry.status == EntryStatus.PENDING
    check_accessibility(page, "exception-detail-pending")
    _sign_out(page)

    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.get_by_role("link", name="Fines and fees at Millbrook Branch").click()
    check_accessibility(page, "exception-decide")
    page.get_by_label("Approve").check()
    page.get_by_label("Note for the colleague").fill("Agreed: first time.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/policies/exceptions/{entry.pk}/")
    assert page.get_by_text("Approved", exact=True).first.is_visible()
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (EntryStatus.APPROVED, world.users["supervisor"])
    screenshot(page, "exception-approved-phone")


def test_a_fixed_policy_refuses_and_offers_the_alternatives(phone_page, world):
    page = phone_page
    policy = PolicyFactory(
        system=world.system,
        title="Privacy of patron records",
        flexibility=Flexibility.FIXED,
        alternatives="- The account holder can call with their card and PIN.",
    )
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/policies/exceptions/new/")
    # Choosing the policy shows its place on the Scale of Yes at once (htmx), before anything is typed.
    page.get_by_label("Policy (required)").select_option(str(policy.pk))
    page.get_by_text("Safety, privacy or the law: no exceptions, whoever asks.").wait_for()
    page.get_by_label("Exception: we bent the policy").check()
    page.get_by_label("What was asked").fill("Asked what a family member had borrowed.")
    page.get_by_label("What was granted").fill("Told them.")
    page.get_by_label("Why (required)", exact=True).fill("They insisted.")
    page.get_by_label("How it was put to the patron").fill("Said it was an exception.")
    page.get_by_role("button", name="Log it").click()
    assert page.get_by_role("heading", name="This policy cannot bend").is_visible()
    assert page.get_by_text("The account holder can call with their card and PIN.").first.is_visible()
    assert page.get_by_label("What was asked").input_value() == "Asked what a family member had borrowed."
    check_accessibility(page, "exception-fixed-refused")
    assert ExceptionEntry.objects.count() == 0


def test_managers_pages(desktop_page, world):
    page = desktop_page
    policy = PolicyFactory(system=world.system, title="Computer time limits")
    for granted in (True,) * 12 + (False,) * 3:
        ExceptionEntryFactory(
            policy=policy, branch=world.branch, kind=EntryKind.EXCEPTION if granted else EntryKind.ENFORCED
        )
    ExceptionEntryFactory.create_batch(15, policy=policy, branch=world.other_branch)
    review = PolicyReviewFactory(policy=policy)
    YesOMeterRating.objects.create(branch=world.branch, area="signage", rating=1, rated_on="2026-01-05")
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    pages = [
        ("/policies/", "policy-list"),
        ("/policies/new/", "policy-new"),
        (f"/policies/{policy.pk}/edit/", "policy-edit"),
        (f"/policies/{policy.pk}/versions/1/", "policy-version"),
        (f"/policies/{policy.pk}/acknowledgements/", "policy-acknowledgements"),
        ("/policies/exceptions/", "exception-log"),
        ("/policies/consistency/", "consistency"),
        (f"/policies/{policy.pk}/consistency/", "policy-consistency"),
        ("/policies/reviews/", "reviews"),
        (f"/policies/reviews/{review.pk}/", "review-detail"),
    ]
    for path, name in pages:
        page.goto(path)
        check_accessibility(page, name)
    page.goto("/policies/consistency/")
    assert page.get_by_text("Millbrook Branch (80.0 %)").is_visible()
    page.goto("/policies/yes-o-meter/")
    page.get_by_label("Branch (required)").select_option(str(world.branch.pk))
    page.get_by_label("What you rate").select_option("signage")
    page.get_by_label("Yes, and").check()
    page.get_by_role("button", name="Record the rating").click()
    page.wait_for_url("**/yes-o-meter/")
    assert page.get_by_text("↑ Up 2").is_visible()
    check_accessibility(page, "yes-o-meter")
    screenshot(page, "yes-o-meter-desktop")
