"""The appeal page with a hearing scheduled, in a real browser: readable and accessible."""

from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory
from patroncare.conduct import services
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

from .test_hearings import _settings

pytestmark = pytest.mark.browser


def test_the_appeal_page_shows_the_hearing_and_its_deadlines(desktop_page, case):
    case.system.director = case.users["administrator"]
    case.system.save()
    _settings(
        case.system, hearing_required=True, hearing_days=10, hearing_unit="working_days", disclosure_days=3
    )
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now() - timedelta(days=1),
        statement="The other person started it; please look at the camera at the door.",
    )
    services.hearing_schedule(
        actor=case.users["administrator"],
        appeal=appeal,
        scheduled_at=timezone.now() + timedelta(days=5),
        place="Meeting room 2, Millbrook Branch",
        panel_members=[case.users["administrator"]],
        panel_names="Rosa Delgado (trustee)",
    )
    page = desktop_page
    admin = case.users["administrator"]
    browser_sign_in(page, admin.email, PASSWORD, totp_device=TOTPDeviceFactory(user=admin))
    page.goto(f"/conduct/exclusions/{case.exclusion.pk}/appeals/{appeal.pk}/")
    assert "Meeting room 2, Millbrook Branch" in page.inner_text("main")
    assert "Hearing held by" in page.inner_text("main")
    check_accessibility(page, "hearing-appeal-page")
    screenshot(page, "hearing-appeal-page")
