"""A row of the table that offers a choice of outcomes: every option is within the ladder, nothing else."""

from datetime import date

import pytest
from django.db import IntegrityError

from patroncare.conduct.tests.factories import LadderStepFactory
from patroncare.rulebook.ladder import recommend
from patroncare.rulebook.models import LadderStep, LadderStepChoice, Outcome

ON = date(2026, 3, 10)


@pytest.fixture
def choice_row(world):
    """Class 2, first offence: "a warning, or a suspension of 1 day"."""
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(
        step=step, position=2, outcome=Outcome.SUSPENSION, length_min=1, length_max=1, length_unit="days"
    )
    return step


def _recommend(step):
    steps = LadderStep.objects.filter(pk=step.pk).prefetch_related("choices")
    return recommend(steps=steps, behaviour_class=step.behaviour_class, on=ON, earlier=[])


@pytest.mark.django_db
def test_the_recommendation_lists_every_option_of_the_row(choice_row):
    result = _recommend(choice_row)
    assert [o.outcome for o in result.options] == [Outcome.WARNING, Outcome.SUSPENSION]
    assert result.outcome == Outcome.WARNING  # the first option's fields keep working
    assert result.explanation.endswith(": A warning, or a suspension of 1 day")


@pytest.mark.django_db
def test_each_option_is_allowed_and_another_outcome_is_a_deviation(choice_row):
    result = _recommend(choice_row)
    assert result.allows(outcome=Outcome.WARNING, start_date=ON, end_date=None)
    assert result.allows(outcome=Outcome.SUSPENSION, start_date=ON, end_date=ON)
    assert result.chosen_option(outcome=Outcome.SUSPENSION, start_date=ON, end_date=ON).position == 2
    assert not result.allows(outcome=Outcome.LEAVE_DAY, start_date=ON, end_date=ON)
    assert not result.allows(outcome=Outcome.SUSPENSION, start_date=ON, end_date=date(2026, 3, 12))


@pytest.mark.django_db
def test_a_row_without_choices_has_one_option(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.LEAVE_DAY)
    result = _recommend(step)
    assert len(result.options) == 1 and not result.has_choice()


@pytest.mark.django_db
def test_a_suspension_choice_needs_its_length_in_the_database(choice_row):
    with pytest.raises(IntegrityError):
        LadderStepChoice.objects.create(step=choice_row, position=3, outcome=Outcome.SUSPENSION)


@pytest.mark.django_db
def test_a_choice_is_option_two_or_later(choice_row):
    with pytest.raises(IntegrityError):
        LadderStepChoice.objects.create(step=choice_row, position=1, outcome=Outcome.LEAVE_DAY)


@pytest.mark.django_db
def test_the_spanish_recommendation_lists_the_options_in_spanish(choice_row):
    from django.utils import translation

    with translation.override("es"):
        assert "una advertencia, o una suspensión de 1 día" in _recommend(choice_row).explanation.lower()
