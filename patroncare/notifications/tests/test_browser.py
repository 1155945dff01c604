"""What waits for a member of staff, in the browser: the unread count in the header, the list, marking one as
read, and one cleared because someone acted on its record; at 360 px and on a desktop, in English and
Spanish. Every page passes the axe-core check."""

from datetime import timedelta

import pytest
from django.conf import settings

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD
from patroncare.incidents import services as incidents
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.notifications.models import Notification
from patroncare.surveys import services as surveys
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

WORDS = {
    "en": {"heading": "Notifications", "unread": "Unread", "done": "Done", "read": "Read"},
    "es": {"heading": "Avisos", "unread": "Sin leer", "done": "Hecho", "read": "Leído"},
}


def _header_count(page) -> str:
    badge = page.locator("header .notifications-link .badge")
    return badge.inner_text() if badge.count() else "0"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_list_the_count_marking_read_and_acting_on_the_record(
    chromium, live_server, world, viewport, language
):
    frontline = world.users["frontline"]
    # Lines are written in the recipient's own language: a Spanish-speaking colleague reads them in Spanish.
    frontline.preferred_language = language
    frontline.save(update_fields=["preferred_language"])
    today = today_in(world.system)
    surveys.round_start(
        actor=world.users["administrator"],
        title_en="Winter survey",
        title_es="Encuesta de invierno",
        opens_on=today,
        closes_on=today + timedelta(days=10),
        branches=[world.branch],
        roles=[Role.FRONTLINE],
    )
    incident = IncidentFactory(branch=world.branch, reported_by=frontline, summary="Kicked the door")
    follow_up = incidents.follow_up_add(
        actor=world.users["supervisor"],
        incident=incident,
        description="Ask for the camera footage",
        assignee=frontline,
    )
    assert Notification.objects.filter(user=frontline, read_at__isnull=True).count() == 2
    words = WORDS[language]
    context, page = _new_page(chromium, live_server, PHONE if viewport == "phone" else DESKTOP)
    browser_sign_in(page, frontline.email, PASSWORD)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto("/desk/")
    assert _header_count(page) == "2"
    page.locator("header .notifications-link").click()
    page.get_by_role("heading", level=1, name=words["heading"]).wait_for()
    items = page.locator("main .item-list > li")
    assert items.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    check_accessibility(page, f"notifications-{language}-{viewport}")
    screenshot(page, f"notifications-{language}-{viewport}")

    # Marking the survey's line as read: one left in the header.
    survey_title = "Winter survey" if language == "en" else "Encuesta de invierno"
    survey_item = items.filter(has_text=survey_title)
    survey_item.locator("form button").click()
    page.get_by_role("heading", level=1, name=words["heading"]).wait_for()
    assert _header_count(page) == "1"
    assert Notification.objects.get(user=frontline, kind="surveys.round_open").read_at is not None

    # Someone acts on the follow-up's record (it is done): it no longer waits, and the list says so.
    incidents.follow_up_complete(
        actor=frontline, follow_up=follow_up, note="Footage saved.", expected_version=follow_up.version
    )
    page.reload()
    assert _header_count(page) == "0"
    follow_up_item = page.locator("main .item-list > li").filter(has_not_text=survey_title)
    assert follow_up_item.locator(".badge").inner_text() == words["done"]
    assert follow_up_item.locator("form").count() == 0
    check_accessibility(page, f"notifications-cleared-{language}-{viewport}")
    screenshot(page, f"notifications-cleared-{language}-{viewport}")
    _close(context, page)
