"""On a 360-pixel phone: a supervisor assigns a follow-up, the assignee finds it on the desk and marks it
done; a person alerted about a dangerous incident acknowledges it from the desk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.incidents import services
from patroncare.incidents.models import AlertReceipt, FollowUp, Level
from patroncare.incidents.tests.factories import FollowUpFactory, IncidentFactory
from patroncare.libraries.calendar import local_date
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


def _switch_user(page, user, **kwargs):
    page.context.clear_cookies()
    browser_sign_in(page, user.email, PASSWORD, **kwargs)


def test_assign_a_follow_up_and_mark_it_done_on_a_phone(phone_page, world):
    page = phone_page
    incident = IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], summary="Broken chair"
    )
    follow_up = FollowUpFactory(incident=incident, description="Replace the chair at computer 4")
    due = local_date(world.system, timezone.now()) + timedelta(days=2)
    frontline = world.users["frontline"]

    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto("/incidents/follow-ups/")
    check_accessibility(page, "follow-up-list-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "follow-up-list-phone")
    page.get_by_role("link", name="Replace the chair at computer 4").click()
    page.get_by_label("Assigned to").select_option(label=frontline.full_name)
    page.get_by_label("Due by").fill(due.isoformat())
    check_accessibility(page, "follow-up-assign-phone")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The follow-up was saved.").wait_for()
    follow_up.refresh_from_db()
    assert (follow_up.assignee, follow_up.due_on) == (frontline, due)
    page.goto(f"/incidents/{incident.pk}/")
    check_accessibility(page, "incident-follow-ups-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("#follow-ups").screenshot(path=str(_shot_path("incident-follow-ups-phone")))

    _switch_user(page, frontline)
    desk_item = page.get_by_role("link", name=f"Follow-up on incident #{incident.pk}: Replace the chair")
    desk_item.wait_for()
    screenshot(page, "desk-follow-up-phone")
    desk_item.click()
    page.get_by_label("What was done").fill("New chair from the store room; old one tagged for repair.")
    check_accessibility(page, "follow-up-done-phone")
    screenshot(page, "follow-up-detail-phone")
    page.get_by_role("button", name="Mark done").click()
    page.get_by_text("The follow-up is marked done. Thank you.").wait_for()
    follow_up.refresh_from_db()
    assert follow_up.done_by == frontline and follow_up.done_note.startswith("New chair")
    page.goto("/desk/")
    assert page.get_by_text("No follow-ups waiting for you.").is_visible()


def test_acknowledge_an_alert_from_the_desk_on_a_phone(phone_page, world):
    page = phone_page
    incident = IncidentFactory(
        branch=world.branch, level=Level.DANGEROUS, behaviours=["threats"], summary="Threats at the desk"
    )
    services.alert_send(incident_pk=incident.pk)
    security = world.users["security"]
    assert AlertReceipt.objects.filter(incident=incident, recipient=security).exists()

    browser_sign_in(page, security.email, PASSWORD)
    item = page.locator("li", has=page.get_by_role("link", name="Threats at the desk"))
    assert item.get_by_text("Now").is_visible()
    check_accessibility(page, "desk-alert-phone")
    screenshot(page, "desk-alert-phone")
    item.get_by_role("link").click()
    button = page.get_by_role("button", name="I've seen this, I'm on it")
    assert button.is_visible()
    check_accessibility(page, "incident-alert-phone")
    screenshot(page, "incident-alert-phone")
    button.click()
    page.get_by_text("You said you were on it").wait_for()
    assert AlertReceipt.objects.get(incident=incident, recipient=security).acknowledged_at is not None
    page.goto("/desk/")
    item = page.locator("li", has=page.get_by_role("link", name="Threats at the desk"))
    assert item.get_by_text("You acknowledged this at").is_visible()
    assert item.locator(".badge--urgent").count() == 0

    # The branch's supervisor sees who was alerted and who answered.
    _switch_user(page, world.users["supervisor"])
    page.goto(f"/incidents/{incident.pk}/")
    alerted = page.locator("section", has=page.get_by_role("heading", name="Who was alerted"))
    assert "Acknowledged" in alerted.inner_text() and "Not yet acknowledged" in alerted.inner_text()
    alerted.screenshot(path=str(_shot_path("incident-who-was-alerted-phone")))


def test_alert_settings_page_is_accessible_on_a_phone(phone_page, world):
    page = phone_page
    admin = world.users["administrator"]
    device = TOTPDeviceFactory(user=admin)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/incidents/alert-settings/")
    check_accessibility(page, "alert-settings-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("escalate after (minutes) without an acknowledgement").fill("2")
    page.get_by_role("button", name="Save").click()
    page.locator(".error-summary").wait_for()
    check_accessibility(page, "alert-settings-error-phone")
    screenshot(page, "alert-settings-error-phone")
    assert FollowUp.objects.count() == 0


def _shot_path(name):
    from patroncare.testing.browser import ARTIFACTS

    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
