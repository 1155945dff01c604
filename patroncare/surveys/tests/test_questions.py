"""Editing a round's questions in the browser, both languages side by side, until the round opens."""

from datetime import timedelta

import pytest
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.conftest import ADMIN_ONLY_RECORD
from patroncare.core.access import Refused
from patroncare.core.concurrency import StaleEditError
from patroncare.libraries.calendar import today_in
from patroncare.surveys import question_services, services
from patroncare.surveys.models import Question, Round

pytestmark = pytest.mark.django_db


def _round(world, opens_in_days):
    today = today_in(world.system)
    return services.round_start(
        actor=world.users["administrator"],
        title_en="Next survey",
        title_es="Próxima encuesta",
        opens_on=today + timedelta(days=opens_in_days),
        closes_on=today + timedelta(days=opens_in_days + 14),
        branches=[world.branch],
        roles=[Role.FRONTLINE],
    )


@pytest.fixture
def upcoming(world):
    return _round(world, 3)


def _post(client, question, **data):
    fields = {"version": question.version, "text_en": question.text_en, "text_es": question.text_es}
    fields.update(data)
    return client.post(
        reverse("surveys:question_edit", args=[question.pk]),
        {f"q{question.pk}-{name}": value for name, value in fields.items()},
    )


def test_an_administrator_edits_a_question_in_both_languages_before_the_round_opens(
    signed_in, world, upcoming
):
    question = upcoming.questions.get(key="boundaries")
    client = signed_in(world.users["administrator"])
    page = client.get(reverse("surveys:questions", args=[upcoming.pk])).content.decode()
    assert f'name="q{question.pk}-text_es"' in page and 'lang="es"' in page
    response = _post(
        client, question, text_en="I can say no kindly.", text_es="Puedo decir que no con amabilidad."
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.text_en, question.text_es, question.version, question.key) == (
        "I can say no kindly.",
        "Puedo decir que no con amabilidad.",
        2,
        "boundaries",
    )


def test_choices_need_the_same_number_of_lines_in_each_language_and_what_was_typed_stays(
    signed_in, world, upcoming
):
    question = upcoming.questions.get(kind="choice")
    before = (question.choices_en, question.choices_es)
    client = signed_in(world.users["administrator"])
    response = _post(client, question, choices_en="One\nTwo\nThree", choices_es="Uno\nDos")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Give as many Spanish choices as English ones" in content and "Three" in content
    question.refresh_from_db()
    assert (question.choices_en, question.choices_es, question.version) == (*before, 1)


def test_a_stale_edit_is_refused(world, upcoming):
    question = upcoming.questions.get(key="boundaries")
    admin = world.users["administrator"]
    question_services.question_update(
        actor=admin, question=question, expected_version=1, text_en="A", text_es="A"
    )
    with pytest.raises(StaleEditError):
        question_services.question_update(
            actor=admin, question=question, expected_version=1, text_en="B", text_es="B"
        )
    question.refresh_from_db()
    assert question.text_en == "A"


def test_once_the_round_opens_the_questions_are_fixed(signed_in, world):
    opened = _round(world, 0)
    question = opened.questions.get(key="boundaries")
    with pytest.raises(Refused):
        question_services.question_update(
            actor=world.users["administrator"],
            question=question,
            expected_version=1,
            text_en="X",
            text_es="X",
        )
    client = signed_in(world.users["administrator"])
    assert _post(client, question, text_en="Changed").status_code == 403
    page = client.get(reverse("surveys:questions", args=[opened.pk])).content.decode()
    assert "cannot be changed" in page and f'name="q{question.pk}-text_en"' not in page
    question.refresh_from_db()
    assert question.version == 1 and question.text_en != "Changed"


def test_questions_page_role_matrix(role_matrix, world, upcoming):
    role_matrix(reverse("surveys:questions", args=[upcoming.pk]), ADMIN_ONLY_RECORD)


def test_another_system_cannot_edit_and_nothing_changes(signed_in, world, upcoming):
    question = upcoming.questions.get(key="boundaries")
    response = _post(signed_in(world.users["other_system_admin"]), question, text_en="Hijacked")
    assert response.status_code == 404
    assert Question.objects.get(pk=question.pk).text_en != "Hijacked"
    assert Round.objects.count() == 1
