"""The services save a row's further options with the row, all or nothing, numbered from 2."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from patroncare.conduct.tests.factories import LadderStepFactory
from patroncare.rulebook import selectors, services
from patroncare.rulebook.grid import GridCell
from patroncare.rulebook.models import LadderStep, LadderStepChoice, Outcome

pytestmark = pytest.mark.django_db

LEAVE = {"outcome": Outcome.LEAVE_DAY, "length_min": None, "length_max": None, "length_unit": "days"}
ONE_DAY = {"outcome": Outcome.SUSPENSION, "length_min": 1, "length_max": None, "length_unit": "days"}


def test_update_replaces_the_options_in_their_order(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(step=step, position=2, outcome=Outcome.PERMANENT)
    services.ladder_step_update(
        actor=None, step=step, expected_version=step.version, choices=[ONE_DAY, LEAVE]
    )
    assert [(c.position, c.outcome, c.length_max) for c in step.choices.all()] == [
        (2, Outcome.SUSPENSION, 1),
        (3, Outcome.LEAVE_DAY, None),
    ]


def test_update_without_choices_leaves_them(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(step=step, position=2, outcome=Outcome.LEAVE_DAY)
    services.ladder_step_update(actor=None, step=step, expected_version=step.version, note="Changed")
    assert step.choices.count() == 1


def test_a_choice_repeating_the_row_is_refused_and_nothing_changes(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING, note="")
    repeat = LEAVE | {"outcome": Outcome.WARNING}
    with pytest.raises(ValidationError) as refused:
        services.ladder_step_update(
            actor=None, step=step, expected_version=step.version, note="Changed", choices=[LEAVE, repeat]
        )
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


def test_the_grid_saves_a_cells_or_option_and_reads_it_back(world):
    services._default_classes(system=world.system, actor=None)
    grid = selectors.ladder_grid_of(system=world.system)
    warn_or_leave = GridCell(outcome=Outcome.WARNING, or_outcome=Outcome.LEAVE_DAY)
    week = GridCell(outcome=Outcome.SUSPENSION, length_min=7, length_max=7)
    first = grid.adult_rows[0]
    rows = [replace(first, cells=(warn_or_leave, week, week))]
    save = {"actor": None, "system": world.system, "rows": rows}
    services.ladder_grid_save(**save, expected_fingerprint=grid.fingerprint)
    step = LadderStep.objects.get(system=world.system, offence_from=1)
    assert [(c.position, c.outcome) for c in step.choices.all()] == [(2, Outcome.LEAVE_DAY)]
    again = selectors.ladder_grid_of(system=world.system)
    assert again.adult_rows[0].cells[0] == warn_or_leave and again.adult_rows[0].editable
    assert again.fingerprint != grid.fingerprint
    counts = services.ladder_grid_save(**save, expected_fingerprint=again.fingerprint)
    assert counts == {"added": 0, "changed": 0, "removed": 0}
    repeat = replace(warn_or_leave, or_outcome=Outcome.WARNING)
    with pytest.raises(ValidationError) as refused:
        services.ladder_grid_save(
            **save | {"rows": [replace(first, cells=(repeat, week, week))]},
            expected_fingerprint=again.fingerprint,
        )
    assert any(key.endswith("-1-or_outcome") for key in refused.value.message_dict)


def test_a_row_with_three_options_is_read_only_in_the_grid(world):
    step = LadderStepFactory(system=world.system, outcome=Outcome.WARNING)
    LadderStepChoice.objects.create(step=step, position=2, outcome=Outcome.LEAVE_DAY)
    LadderStepChoice.objects.create(step=step, position=3, outcome=Outcome.PERMANENT)
    row = next(
        r
        for r in selectors.ladder_grid_of(system=world.system).rows
        if r.behaviour_class == step.behaviour_class
    )
    assert not row.editable
