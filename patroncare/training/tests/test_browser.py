"""Practice as people do it: a scenario played to each ending by keyboard on a phone, and a group session."""

from collections import deque

import pytest

from patroncare.accounts.tests.factories import PASSWORD
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot
from patroncare.training import engine, services
from patroncare.training.models import GroupSession, Play, ScenarioVersion

pytestmark = pytest.mark.browser

SLUG = "angry-about-a-fine"


def _paths_to_endings(doc) -> dict[str, list[tuple[str, int]]]:
    """The shortest path (step id, choice index) from the start to each ending."""
    paths, seen, queue = {}, {doc.start}, deque([(doc.start, [])])
    while queue:
        step_id, path = queue.popleft()
        step = doc.step(step_id)
        if step.is_ending:
            paths.setdefault(step.id, path)
            continue
        for index, choice in enumerate(step.choices):
            if choice.next not in seen:
                seen.add(choice.next)
                queue.append((choice.next, [*path, (step_id, index)]))
    return paths


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _answer_by_keyboard(page, index: int) -> None:
    _tab_to(page, "input[name=choice]")
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == str(index)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_scenario_is_played_to_each_ending_with_the_keyboard_on_a_phone(phone_page, world):
    services.starter_library_add(actor=world.users["trainer"])
    version = ScenarioVersion.objects.get(scenario__slug=SLUG, scenario__language="en")
    doc = engine.document(version.source)
    paths = _paths_to_endings(doc)
    assert sorted(paths) == ["ending-mixed", "ending-resolved", "ending-walkout"]
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/practice/")
    check_accessibility(page, "practice-library")
    for number, (ending_id, path) in enumerate(sorted(paths.items()), start=1):
        page.goto(f"/practice/scenarios/{version.pk}/")
        if number == 1:
            check_accessibility(page, "practice-intro")
        _tab_to(page, "button[type=submit].button")
        assert page.evaluate("document.activeElement.textContent").strip() == "Start practising"
        page.keyboard.press("Enter")
        page.wait_for_url("**/practice/plays/*/")
        for position, (step_id, index) in enumerate(path):
            assert doc.step(step_id).says in page.locator("main").inner_text()
            if number == 1 and position == 1:
                check_accessibility(page, "practice-play-with-feedback")
                screenshot(page, "practice-play-phone")
                assert page.evaluate("document.documentElement.scrollWidth") <= 360
            _answer_by_keyboard(page, index)
            if position < len(path) - 1:
                feedback = doc.step(step_id).choices[index].feedback
                assert page.locator(".feedback").inner_text().endswith(feedback)
                assert page.evaluate("document.activeElement.classList.contains('feedback')")
        main = page.locator("main").inner_text()
        assert doc.step(ending_id).says in main
        assert "The path you took" in main
        play = Play.objects.filter(user=world.users["frontline"]).order_by("-started_at").first()
        assert (play.ending, len(play.path)) == (ending_id, len(path))
        assert f"Score: {play.score} of {play.max_score} ({play.percent}%)" in main
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        check_accessibility(page, f"practice-debrief-{ending_id}")
    page.goto("/practice/records/")
    assert "3 scenarios completed" in page.locator("main").inner_text()
    check_accessibility(page, "practice-records")


def test_a_trainer_runs_a_group_session(desktop_page, world):
    services.starter_library_add(actor=world.users["trainer"])
    version = ScenarioVersion.objects.get(
        scenario__slug="unattended-child-at-closing", scenario__language="en"
    )
    doc = engine.document(version.source)
    page = desktop_page
    browser_sign_in(page, world.users["trainer"].email, PASSWORD)
    page.goto("/practice/sessions/")
    check_accessibility(page, "practice-sessions")
    page.get_by_role("link", name="Start a group session").click()
    check_accessibility(page, "practice-session-new")
    page.get_by_label("Scenario").select_option(str(version.pk))
    page.get_by_label("Branch").select_option(str(world.branch.pk))
    page.get_by_label(world.users["frontline"].full_name).check()
    page.get_by_label(world.users["supervisor"].full_name).check()
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_url("**/practice/sessions/*/")
    check_accessibility(page, "practice-session-run")
    screenshot(page, "practice-session-shared-screen")
    best = engine.best_path(doc)
    for number, (step, index) in enumerate(best, start=1):
        assert step.says in page.locator(".shared-screen").inner_text()
        page.get_by_label(step.choices[index].text).check()
        page.get_by_label("Discussion notes").fill(f"Notes at step {number}.")
        with page.expect_navigation():
            page.get_by_role("button", name="Record the group's choice").click()
    ending = doc.step(best[-1][0].choices[best[-1][1]].next)
    assert ending.says in page.locator("main").inner_text()
    page.get_by_role("button", name="Finish the session").click()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Summary of the session").fill("The team agreed the two-staff rule.")
    with page.expect_navigation():
        page.get_by_role("button", name="Finish the session").click()
    main = page.locator("main").inner_text()
    assert "The team agreed the two-staff rule." in main and "Notes at step 1." in main
    check_accessibility(page, "practice-session-summary")
    session = GroupSession.objects.get()
    assert session.finished_at is not None
    assert session.steps.count() == len(best)
    assert {p.pk for p in session.attendees.all()} == {
        world.users["frontline"].pk,
        world.users["supervisor"].pk,
    }


def test_a_trainer_authors_publishes_and_drafts_from_a_case(desktop_page, world):
    page = desktop_page
    browser_sign_in(page, world.users["trainer"].email, PASSWORD)
    page.goto("/practice/author/")
    check_accessibility(page, "practice-author")
    page.get_by_role("button", name="Add the starter scenarios we do not have yet").click()
    assert "18 starter scenarios were added." in page.locator("main").inner_text()
    page.get_by_role("link", name="Draft from a real case").click()
    check_accessibility(page, "practice-case-draft")
    page.get_by_label("Working title").fill("Raised voices at Oakton")
    page.get_by_label("What happened (the case narrative)").fill("Jo Bloggs shouted at Oakton on 12/03/2026.")
    page.get_by_label("Names of people in the case, one per line").fill("Jo Bloggs")
    page.get_by_label("Places (branches, streets, businesses), one per line").fill("Oakton")
    page.get_by_role("button", name="Make the draft").click()
    page.wait_for_url("**/practice/author/versions/*/")
    assert "[person] shouted at [place] on [date]." in page.locator("textarea").input_value()
    check_accessibility(page, "practice-version-draft")
    page.get_by_role("button", name="Publish this version").click()
    assert "Confirm you reviewed it" in page.locator(".error-summary").inner_text()
    page.get_by_label("I reviewed this draft").check()
    page.get_by_role("button", name="Publish this version").click()
    assert "Version 1 is published." in page.locator("main").inner_text()
    page.goto("/practice/assignments/")
    check_accessibility(page, "practice-assignments")
