"""The services save a row's further options with the row, all or nothing, numbered from 2."""

import pytest
from django.core.exceptions import ValidationError

from patroncare.conduct.tests.factories import LadderStepFactory
from patroncare.rulebook import services
from patroncare.rulebook.models import LadderStep, LadderStepChoice, Outcome

pytestmark = pytest.mark.django_db

LEAVE = {"outcome": Outcome.LEAVE_DAY, "length_min": None, "length_max": None, "length_unit": "days"}
ONE_DAY = {"outcome": Outcome.SUSPENSION, "length_min": 1, "length_max": None, "length_unit": "days"}


def test_update_replaces_the_options_in_their_order(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(step=step, position=2, outcome=Outcome.PERMANENT)
    services.ladder_step_update(actor=None, step=step, choices=[ONE_DAY, LEAVE])
    assert [(c.position, c.outcome, c.length_max) for c in step.choices.all()] == [
        (2, Outcome.SUSPENSION, 1),
        (3, Outcome.LEAVE_DAY, None),
    ]


def test_update_without_choices_leaves_them(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(step=step, position=2, outcome=Outcome.LEAVE_DAY)
    services.ladder_step_update(actor=None, step=step, note="Changed")
    assert step.choices.count() == 1


def test_a_choice_repeating_the_row_is_refused_and_nothing_changes(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING, note="")
    repeat = LEAVE | {"outcome": Outcome.WARNING}
    with pytest.raises(ValidationError) as refused:
        services.ladder_step_update(actor=None, step=step, note="Changed", choices=[LEAVE, repeat])
    assert "Option 3 repeats the row" in refused.value.message_dict["choices"][0]
    step.refresh_from_db()
    assert step.note == "" and not LadderStepChoice.objects.exists()


def test_create_with_an_invalid_choice_creates_nothing(world):
    behaviour_class = LadderStepFactory(system=world.system).behaviour_class
    LadderStep.objects.all().delete()
    with pytest.raises(ValidationError):
        services.ladder_step_create(
            actor=None,
            system=world.system,
            behaviour_class=behaviour_class,
            offence_from=1,
            outcome=Outcome.WARNING,
            choices=[ONE_DAY | {"length_min": None}],
        )
    assert not LadderStep.objects.exists()
