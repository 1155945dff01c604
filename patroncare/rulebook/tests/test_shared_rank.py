"""Classes that share a seriousness rank, and the look-back and counting a class gives its new rows."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from patroncare.conduct.services.exclusions import incident_class
from patroncare.conduct.tests.factories import RuleFactory
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.rulebook import services
from patroncare.rulebook.ladder import EarlierViolation, counted, recommend
from patroncare.rulebook.models import BehaviourClass, Counting, LadderStep, LookbackUnit, Outcome

ON = date(2027, 3, 15)


@pytest.fixture
def pair(world):
    """Two classes of rank 2 in one system, created through the service."""
    admin = world.users["administrator"]
    vandalism = services.behaviour_class_create(actor=admin, system=world.system, rank=2, name="Vandalism")
    threats = services.behaviour_class_create(actor=admin, system=world.system, rank=2, name="Threats")
    return world, vandalism, threats


def _step(world, behaviour_class, counts, **values):
    return services.ladder_step_create(
        actor=world.users["administrator"],
        system=world.system,
        behaviour_class=behaviour_class,
        offence_from=values.pop("offence_from", 2),
        offence_to=None,
        lookback_number=12,
        lookback_unit=LookbackUnit.MONTHS,
        counts=counts,
        outcome=Outcome.LEAVE_DAY,
        **values,
    )


def test_two_classes_of_equal_rank_can_be_created_and_are_ordered_by_name(pair):
    world, vandalism, threats = pair
    assert list(BehaviourClass.objects.filter(system=world.system)) == [threats, vandalism]


def test_same_or_more_serious_counts_an_earlier_violation_of_another_class_of_equal_rank(pair):
    world, vandalism, threats = pair
    step = _step(world, vandalism, Counting.SAME_OR_MORE_SERIOUS)
    earlier = EarlierViolation(on=ON - timedelta(days=30), rank=2, class_id=threats.pk)
    assert counted(step, vandalism, earlier)
    result = recommend(steps=[step], behaviour_class=vandalism, on=ON, earlier=[earlier])
    assert result is not None and result.offence_number == 2


def test_same_class_does_not_count_another_class_of_equal_rank(pair):
    world, vandalism, threats = pair
    step = _step(world, vandalism, Counting.SAME_CLASS)
    other = EarlierViolation(on=ON - timedelta(days=30), rank=2, class_id=threats.pk)
    same = EarlierViolation(on=ON - timedelta(days=30), rank=2, class_id=vandalism.pk)
    assert not counted(step, vandalism, other)
    assert counted(step, vandalism, same)
    assert recommend(steps=[step], behaviour_class=vandalism, on=ON, earlier=[other]) is None


def test_an_incident_touching_two_classes_of_equal_rank_is_classed_the_same_every_time(pair):
    world, vandalism, threats = pair
    incident = IncidentFactory(branch=world.branch)
    incident.rules.add(
        RuleFactory(system=world.system, behaviour_class=threats),
        RuleFactory(system=world.system, behaviour_class=vandalism),
    )
    assert incident_class(incident) == vandalism
    incident.rules.set(list(reversed(list(incident.rules.all()))))
    assert incident_class(incident) == vandalism


def test_a_row_created_without_look_back_or_counting_takes_its_class_defaults(pair):
    world, vandalism, _threats = pair
    vandalism = services.behaviour_class_update(
        actor=world.users["administrator"],
        behaviour_class=vandalism,
        expected_version=vandalism.version,
        default_lookback_number=2,
        default_lookback_unit=LookbackUnit.YEARS,
        default_counts=Counting.ANY_CLASS,
    )
    step = services.ladder_step_create(
        actor=world.users["administrator"],
        system=world.system,
        behaviour_class=vandalism,
        offence_from=1,
        outcome=Outcome.WARNING,
        lookback_number=None,
        lookback_unit="",
        counts="",
    )
    step.refresh_from_db()
    assert (step.lookback_number, step.lookback_unit, step.counts) == (2, "years", "any")


def test_a_class_with_no_look_back_gives_its_new_rows_none(pair):
    world, _vandalism, threats = pair
    threats = services.behaviour_class_update(
        actor=world.users["administrator"],
        behaviour_class=threats,
        expected_version=threats.version,
        default_lookback_number=None,
        default_lookback_unit=LookbackUnit.NONE,
    )
    step = services.ladder_step_create(
        actor=world.users["administrator"],
        system=world.system,
        behaviour_class=threats,
        offence_from=1,
        outcome=Outcome.WARNING,
    )
    assert (step.lookback_number, step.lookback_unit, step.counts) == (None, "none", "same")


def test_a_new_class_defaults_to_twelve_months_of_the_same_class(pair):
    _world, vandalism, _threats = pair
    assert (vandalism.default_lookback_number, vandalism.default_lookback_unit) == (12, "months")
    assert vandalism.default_counts == Counting.SAME_CLASS


@pytest.mark.parametrize(("number", "unit"), [(None, "months"), (0, "months"), (12, "none")])
def test_a_class_default_look_back_must_be_whole_with_its_message(pair, number, unit):
    world, vandalism, _threats = pair
    with pytest.raises(ValidationError) as error:
        services.behaviour_class_update(
            actor=world.users["administrator"],
            behaviour_class=vandalism,
            expected_version=vandalism.version,
            default_lookback_number=number,
            default_lookback_unit=unit,
        )
    assert "Give the usual look-back window" in str(error.value)
    vandalism.refresh_from_db()
    assert (vandalism.default_lookback_number, vandalism.default_lookback_unit) == (12, "months")
    assert not LadderStep.objects.filter(system=world.system).exists()


def test_a_row_added_on_the_ladder_page_left_as_it_is_takes_the_class_defaults(signed_in, pair):
    world, vandalism, _threats = pair
    BehaviourClass.objects.filter(pk=vandalism.pk).update(
        default_lookback_number=None, default_lookback_unit="none", default_counts="at_least"
    )
    client = signed_in(world.users["administrator"])
    page = client.get(reverse("conduct:ladder")).content.decode()
    assert "The class&#x27;s usual one" in page and "no look-back" in page
    data = {
        "step-behaviour_class": vandalism.pk,
        "step-counts": "",
        "step-offence_from": "1",
        "step-offence_to": "",
        "step-lookback_number": "",
        "step-lookback_unit": "",
        "step-outcome": "warning",
        "step-length_unit": "days",
        "step-lift_after_unit": "years",
    }
    response = client.post(reverse("conduct:ladder_step_create"), data)
    assert response.status_code == 302
    step = LadderStep.objects.get(behaviour_class=vandalism)
    assert (step.lookback_number, step.lookback_unit, step.counts) == (None, "none", "at_least")
