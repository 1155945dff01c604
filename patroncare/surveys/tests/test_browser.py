"""Answering the staff survey on a phone, from the desk; the results page on a desktop."""

from datetime import timedelta

import pytest

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, UserFactory
from patroncare.libraries.calendar import today_in
from patroncare.surveys import services
from patroncare.surveys.models import Answer, Participation
from patroncare.testing.browser import browser_sign_in, check_accessibility, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def survey(world):
    today = today_in(world.system)
    return services.round_start(
        actor=world.users["administrator"],
        title_en="Autumn survey",
        title_es="Encuesta de otoño",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        branches=[world.branch],
        roles=[Role.FRONTLINE, Role.SUPERVISOR],
    )


def test_answer_the_survey_on_a_phone(phone_page, world, survey):
    page = phone_page
    browser_sign_in(page, world.users["frontline"].email, PASSWORD)
    page.goto("/desk/")
    page.get_by_role("link", name="Autumn survey").click()
    page.get_by_role("heading", level=1, name="Autumn survey").wait_for()
    check_accessibility(page, "survey-answer-phone")
    page.get_by_role("group", name="I feel safe at work.").get_by_label("4").check()
    page.get_by_label("What one change would help you most?").fill("A panic button at the desk")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "survey-answer-phone")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", level=1, name="Thank you").wait_for()
    check_accessibility(page, "survey-thanks-phone")
    assert Participation.objects.filter(user=world.users["frontline"]).count() == 1
    stored = set(Answer.objects.values_list("rating", "text"))
    assert stored == {(4, ""), (None, "A panic button at the desk")}


def test_results_on_a_desktop(desktop_page, world, survey):
    questions = {q.key: q for q in survey.questions.all()}
    for rating in [2, 3, 4, 4, 5]:
        person = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
        services.round_answer(
            actor=person, round_=survey, branch=world.branch, answers={questions["boundaries"].pk: rating}
        )
    page = desktop_page
    browser_sign_in(page, world.users["supervisor"].email, PASSWORD)
    page.goto(f"/surveys/{survey.pk}/results/")
    page.get_by_text("5 people answered.").wait_for()
    check_accessibility(page, "survey-results-desktop")
    screenshot(page, "survey-results-desktop")
