"""Desk guidance as staff use it: on a phone, from the desk, in at most two taps."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.guidance import services
from patroncare.guidance.content import PLAYBOOKS
from patroncare.policies.tests.factories import PolicyFactory
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def playbooks(world):
    policy = PolicyFactory(system=world.system, title="Resting and sleeping", flexibility="flexible")
    services.playbooks_install_standard(system=world.system, policies={"resting": policy})
    services.phrase_cards_install_standard(system=world.system)


def _taps_to(page, title: str) -> int:
    """Follow links from the desk until the playbook titled `title` is open; count the taps."""
    page.goto("/desk/")
    taps = 0
    desk_link = page.get_by_role("link", name=title, exact=False).first
    if not desk_link.count():
        page.get_by_role("link", name="All playbooks").click()
        taps += 1
        desk_link = page.get_by_role("link", name=title, exact=False).first
    desk_link.click()
    taps += 1
    page.get_by_role("heading", level=1, name=title).wait_for()
    return taps


def test_find_and_follow_a_playbook_on_a_phone_in_two_taps(phone_page, world, playbooks):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    check_accessibility(page, "desk-with-playbooks")
    # Two taps: "All playbooks", then the situation.
    page.get_by_role("link", name="All playbooks").click()
    page.wait_for_url("**/guidance/")
    check_accessibility(page, "guidance-index")
    page.get_by_role("link", name="Someone sleeping, or without a home").click()
    page.wait_for_url("**/guidance/sleeping-or-without-housing/")
    assert page.get_by_role("heading", level=1).inner_text() == "Someone sleeping, or without a home"
    # Every section is there, readable without zooming, and the page is no wider than the phone.
    for heading in ["Steps", "Words to use", "What to avoid", "When and whom to call", "Policies involved"]:
        assert page.get_by_role("heading", level=2, name=heading).is_visible()
    assert page.get_by_text("Resting and sleeping").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check_accessibility(page, "guidance-playbook-phone")
    screenshot(page, "playbook-phone")
    # The jump links take the reader straight to whom to call.
    page.get_by_role("link", name="Whom to call").click()
    assert page.evaluate("location.hash") == "#call"
    # Every shipped playbook is one or two taps from the desk.
    taps = {item["en"]["title"]: _taps_to(page, item["en"]["title"]) for item in PLAYBOOKS}
    assert max(taps.values()) <= 2
    assert sorted(title for title, count in taps.items() if count == 1) == sorted(
        item["en"]["title"] for item in PLAYBOOKS if item.get("on_desk")
    )


def test_phrase_cards_and_the_playbook_in_spanish(phone_page, world, playbooks):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.get_by_role("link", name="A patron who speaks another language").click()
    assert page.locator('[lang="vi"]').first.inner_text() == "Xin chào. Tôi có thể giúp gì cho bạn?"
    check_accessibility(page, "guidance-language-phrase-cards")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Un usuario que habla otro idioma"
    check_accessibility(page, "guidance-playbook-es")
    page.goto("/guidance/phrases/")
    check_accessibility(page, "guidance-phrases")


def test_an_administrator_edits_a_playbook_and_sees_the_history(desktop_page, world, playbooks):
    page = desktop_page
    admin = world.users["administrator"]
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    browser_sign_in(page, admin.email, PASSWORD, totp_device=device)
    page.goto("/guidance/angry-patron/edit/")
    check_accessibility(page, "guidance-edit")
    page.get_by_label("In one line").fill("Feelings first, then the problem: always.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/guidance/angry-patron/")
    assert page.get_by_text("Feelings first, then the problem: always.").is_visible()
    page.get_by_role("link", name="History of changes").click()
    check_accessibility(page, "guidance-history")
    page.goto("/guidance/angry-patron/settings/")
    check_accessibility(page, "guidance-settings")
    page.goto("/guidance/phrases/manage/")
    check_accessibility(page, "guidance-phrases-manage")
    page.get_by_role("link", name="Vietnamese").click()
    check_accessibility(page, "guidance-phrase-language")
