"""The ladder entered as a table: saved in one go, refused whole, and refused when it changed meanwhile."""

import pytest
from django.core.exceptions import ValidationError

from patroncare.audit.models import AuditEvent
from patroncare.rulebook import selectors, services
from patroncare.rulebook.grid import GridCell, steps_of_row
from patroncare.rulebook.models import LadderStep, Outcome


@pytest.fixture
def classes(world):
    services._default_classes(system=world.system, actor=None)
    return world


def _rows(world, cells):
    grid = selectors.ladder_grid_of(system=world.system)
    return grid, [
        type(row)(
            row.behaviour_class, row.for_minors, row.lookback_number, row.lookback_unit, row.counts, cells
        )
        for row in grid.adult_rows
    ]


WARN, LEAVE = GridCell(outcome=Outcome.WARNING), GridCell(outcome=Outcome.LEAVE_DAY)
WEEK = GridCell(outcome=Outcome.SUSPENSION, length_min=7, length_max=7)


def test_a_valid_table_is_saved_with_ranges_and_the_last_column_open_ended(classes):
    grid, rows = _rows(classes, (WARN, WARN, WEEK))
    counts = services.ladder_grid_save(
        actor=classes.users["administrator"],
        system=classes.system,
        rows=rows,
        expected_fingerprint=grid.fingerprint,
    )
    assert counts == {"added": 8, "changed": 0, "removed": 0}
    steps = LadderStep.objects.filter(system=classes.system, behaviour_class__rank=1).order_by("offence_from")
    assert [(s.offence_from, s.offence_to, s.outcome) for s in steps] == [
        (1, 2, "warning"),
        (3, None, "suspension"),
    ]
    assert AuditEvent.objects.filter(event="rulebook.ladder_grid_saved").count() == 1


def test_a_wrong_cell_saves_nothing_and_names_the_cell(classes):
    grid, rows = _rows(classes, (WARN, LEAVE, GridCell(outcome=Outcome.SUSPENSION)))
    with pytest.raises(ValidationError) as raised:
        services.ladder_grid_save(
            actor=classes.users["administrator"],
            system=classes.system,
            rows=rows,
            expected_fingerprint=grid.fingerprint,
        )
    first = rows[0].behaviour_class.pk
    assert f"c-a-{first}-3-length_min" in raised.value.message_dict
    assert not LadderStep.objects.filter(system=classes.system).exists()


def test_a_table_read_before_someone_else_saved_is_refused(classes):
    grid, rows = _rows(classes, (WARN, LEAVE, WEEK))
    services.ladder_step_create(
        actor=None, system=classes.system, behaviour_class=rows[0].behaviour_class, outcome=Outcome.WARNING
    )
    with pytest.raises(services.StaleLadderError):
        services.ladder_grid_save(
            actor=classes.users["administrator"],
            system=classes.system,
            rows=rows,
            expected_fingerprint=grid.fingerprint,
        )
    assert LadderStep.objects.filter(system=classes.system).count() == 1


def test_the_default_ladder_read_into_the_grid_comes_back_unchanged(world):
    services.rules_install_defaults(system=world.system)
    grid = selectors.ladder_grid_of(system=world.system)
    counts = services.ladder_grid_save(
        actor=world.users["administrator"],
        system=world.system,
        rows=[r for r in grid.rows if r.editable],
        expected_fingerprint=grid.fingerprint,
    )
    assert counts == {"added": 0, "changed": 0, "removed": 0}
    assert (
        sum(len(steps_of_row(r)) for r in grid.rows) == LadderStep.objects.filter(system=world.system).count()
    )
