"""The staff survey: anonymous answers, at most once, results only from five people, compared by round."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conftest import ADMIN_ONLY
from patroncare.libraries.calendar import today_in
from patroncare.surveys import selectors, services
from patroncare.surveys.models import Answer, Participation, QuestionKind, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    today = today_in(world.system)
    return services.round_start(
        actor=world.users["administrator"],
        title_en="Autumn survey",
        title_es="Encuesta de otoño",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=14),
        branches=[world.branch, world.other_branch],
        roles=[Role.FRONTLINE, Role.SUPERVISOR],
    )


def _staff(world, n, branch=None):
    return [
        UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, branch or world.branch)])
        for _ in range(n)
    ]


def _answer_all(survey, people, rating, branch, text=""):
    questions = {q.key: q for q in survey.questions.all()}
    for person in people:
        services.round_answer(
            actor=person,
            round_=survey,
            branch=branch,
            answers={
                questions["boundaries"].pk: rating,
                questions["hardest"].pk: 1,
                questions["change"].pk: text,
            },
        )


def test_a_round_starts_from_the_starter_questions_in_both_languages(survey):
    questions = list(survey.questions.all())
    assert [q.key for q in questions][:3] == ["tech-help", "boundaries", "consistency"]
    assert all(q.text_en and q.text_es for q in questions)
    assert {q.kind for q in questions} == set(QuestionKind.values)


def test_answers_keep_no_link_to_the_person_and_no_time():
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey):
                assert field.related_model._meta.label in {
                    "surveys.Round",
                    "surveys.Response",
                    "surveys.Question",
                    "libraries.Branch",
                }, field
            assert not isinstance(field, models.DateTimeField | models.DateField), field
        assert isinstance(model._meta.pk, models.UUIDField)
    assert {f.name for f in Participation._meta.get_fields()} == {"id", "round", "user"}


def test_a_stored_answer_holds_nothing_of_the_person(world, survey):
    person = _staff(world, 1)[0]
    _answer_all(survey, [person], 4, world.branch, text="More training on boundaries")
    stored = " ".join(str(v) for row in Answer.objects.values() for v in row.values())
    stored += " ".join(str(v) for row in Response.objects.values() for v in row.values())
    assert person.email not in stored and person.full_name not in stored
    assert str(person.pk) not in [str(v) for row in Response.objects.values() for v in row.values()]
    assert Participation.objects.filter(user=person, round=survey).count() == 1


def test_nobody_answers_twice_and_the_second_try_changes_nothing(world, survey):
    person = _staff(world, 1)[0]
    _answer_all(survey, [person], 4, world.branch)
    with pytest.raises(ValidationError):
        _answer_all(survey, [person], 1, world.branch)
    assert Response.objects.count() == 1
    assert list(Answer.objects.exclude(rating=None).values_list("rating", flat=True)) == [4]


def test_someone_the_round_does_not_ask_cannot_answer(world, survey):
    trainer = world.users["trainer"]
    with pytest.raises(ValidationError):
        _answer_all(survey, [trainer], 3, world.branch)
    assert not Response.objects.exists()


def test_four_answers_show_nothing_five_show_the_results(world, survey):
    _answer_all(survey, _staff(world, 4), 2, world.branch, text="Need a second person at night")
    hidden = selectors.results(round_=survey)
    assert (hidden.responses, hidden.shown, hidden.questions) == (4, False, [])
    _answer_all(survey, _staff(world, 1), 4, world.branch, text="More training")
    shown = selectors.results(round_=survey)
    assert shown.shown
    boundaries = next(q for q in shown.questions if q.question.key == "boundaries")
    assert (boundaries.count, boundaries.average) == (5, 2.4)
    change = next(q for q in shown.questions if q.question.key == "change")
    assert sorted(change.texts) == ["More training"] + ["Need a second person at night"] * 4
    # Another branch with fewer than five answers shows nothing on its own.
    _answer_all(survey, _staff(world, 2, world.other_branch), 5, world.other_branch)
    assert not selectors.results(round_=survey, branch_id=world.other_branch.pk).shown


def test_the_next_round_reuses_the_questions_and_compares_by_question(world, survey):
    _answer_all(survey, _staff(world, 5), 2, world.branch)
    survey.opens_on, survey.closes_on = date(2026, 1, 5), date(2026, 1, 20)
    survey.save()
    today = today_in(world.system)
    second = services.round_start(
        actor=world.users["administrator"],
        title_en="Spring survey",
        title_es="Encuesta de primavera",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        branches=[world.branch],
        roles=[Role.FRONTLINE],
    )
    _answer_all(second, _staff(world, 5), 4, world.branch)
    results = selectors.results(round_=second)
    boundaries = next(q for q in results.questions if q.question.key == "boundaries")
    assert (boundaries.average, boundaries.previous_average, boundaries.change) == (4, 2, 2)
    assert results.previous == survey


def test_answering_page_and_results_role_matrix(role_matrix, world, survey):
    results = {**ADMIN_ONLY, "supervisor": 200, "other_branch_supervisor": 200, "other_system_admin": 404}
    role_matrix(reverse("surveys:results", args=[survey.pk]), results)
    answer = {
        "frontline": 200,
        "supervisor": 200,
        "administrator": 403,
        "security": 403,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 200,
        "other_system_admin": 404,
        "anonymous": 302,
    }
    role_matrix(reverse("surveys:answer", args=[survey.pk]), answer)
    role_matrix(reverse("surveys:start"), ADMIN_ONLY)


def test_a_branch_supervisor_reads_only_their_branch(signed_in, world, survey):
    _answer_all(survey, _staff(world, 5, world.other_branch), 3, world.other_branch, text="Oakton only")
    content = (
        signed_in(world.users["supervisor"])
        .get(reverse("surveys:results", args=[survey.pk]))
        .content.decode()
    )
    assert "Oakton only" not in content
    assert "Oakton Branch" not in content
    other = signed_in(world.users["other_branch_supervisor"]).get(
        reverse("surveys:results", args=[survey.pk])
    )
    assert "Oakton only" in other.content.decode()


def test_answering_through_the_page(signed_in, world, survey):
    person = _staff(world, 1)[0]
    questions = {q.key: q for q in survey.questions.all()}
    client = signed_in(person)
    response = client.post(
        reverse("surveys:answer", args=[survey.pk]),
        {
            "branch": world.branch.pk,
            f"q{questions['safety'].pk}": "5",
            f"q{questions['change'].pk}": "Panic button",
        },
    )
    assert response.status_code == 200
    assert "cannot be traced back to you" in response.content.decode()
    assert set(Answer.objects.values_list("rating", "text")) == {(5, ""), (None, "Panic button")}


def test_a_result_opens_a_policy_review_and_the_next_round_shows_it(signed_in, world, survey):
    from patroncare.policies.models import PolicyReview
    from patroncare.policies.tests.factories import PolicyFactory

    policy = PolicyFactory(system=world.system, title="Computer time")
    question = survey.questions.get(key="consistency")
    client = signed_in(world.users["administrator"])
    response = client.post(
        reverse("surveys:act", args=[survey.pk]),
        {
            "kind": "policy_review",
            "question": question.pk,
            "note": "Staff read it differently",
            "policy": policy.pk,
        },
    )
    assert response.status_code == 302
    review = PolicyReview.objects.get(policy=policy)
    assert "Staff read it differently" in review.reasons
    survey.opens_on, survey.closes_on = date(2026, 1, 5), date(2026, 1, 20)
    survey.save()
    today = today_in(world.system)
    second = services.round_start(
        actor=world.users["administrator"],
        title_en="Spring",
        title_es="Primavera",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        branches=[world.branch],
        roles=[Role.FRONTLINE],
    )
    content = client.get(reverse("surveys:results", args=[second.pk])).content.decode()
    assert "What was done after the previous round" in content
    assert "Review of “Computer time”" in content


def test_a_frontline_member_cannot_record_an_action_and_nothing_changes(signed_in, world, survey):
    from patroncare.surveys.models import SurveyAction

    response = signed_in(world.users["frontline"]).post(
        reverse("surveys:act", args=[survey.pk]), {"kind": "playbook", "note": "x"}
    )
    assert response.status_code == 403
    assert not SurveyAction.objects.exists()


def test_a_playbook_change_without_a_playbook_is_refused_with_a_message(signed_in, world, survey):
    from patroncare.surveys.models import SurveyAction

    response = signed_in(world.users["supervisor"]).post(
        reverse("surveys:act", args=[survey.pk]), {"kind": "playbook", "note": "Add boundary phrases"}
    )
    assert response.status_code == 400
    assert "Choose the playbook to change." in response.content.decode()
    assert "Add boundary phrases" in response.content.decode()
    assert not SurveyAction.objects.exists()


def test_a_supervisor_assigns_practice_from_a_result_to_someone_of_their_branch(signed_in, world, survey):
    from patroncare.surveys.models import SurveyAction
    from patroncare.training.models import Assignment
    from patroncare.training.tests.factories import ScenarioFactory

    scenario = ScenarioFactory(system=world.system)
    due = today_in(world.system) + timedelta(days=30)
    response = signed_in(world.users["supervisor"]).post(
        reverse("surveys:act", args=[survey.pk]),
        {
            "kind": "training",
            "note": "Practise setting boundaries",
            "scenario": scenario.pk,
            "assignee": world.users["frontline"].pk,
            "due_date": due.isoformat(),
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.assignee, assignment.assigned_by, assignment.due_date) == (
        world.users["frontline"],
        world.users["supervisor"],
        due,
    )
    assert SurveyAction.objects.get().assignment == assignment


def test_a_supervisor_cannot_assign_practice_to_another_branch_and_nothing_changes(world, survey):
    from patroncare.core.access import Refused
    from patroncare.surveys.models import SurveyAction
    from patroncare.training.models import Assignment
    from patroncare.training.tests.factories import ScenarioFactory

    scenario = ScenarioFactory(system=world.system)
    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    with pytest.raises(Refused):
        services.action_create(
            actor=world.users["supervisor"],
            round_=survey,
            kind="training",
            note="Practise",
            scenario=scenario,
            assignee=elsewhere,
            due_date=today_in(world.system) + timedelta(days=7),
        )
    assert not Assignment.objects.exists()
    assert not SurveyAction.objects.exists()


def test_the_people_a_supervisor_may_train_are_those_of_their_branches(world):
    from patroncare.training.selectors import assignable_people

    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    mine = set(assignable_people(user=world.users["supervisor"]))
    assert world.users["frontline"] in mine and elsewhere not in mine
    assert elsewhere in set(assignable_people(user=world.users["trainer"]))
