"""Issuing an exclusion from a ladder row that offers a choice: the option chosen is recorded and audited."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from patroncare.audit.models import AuditEvent
from patroncare.conduct import services
from patroncare.conduct.models import Exclusion
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import LadderStepChoice, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_offence(conduct):
    """A first serious violation: its row (leave for the day) also offers a 1-day suspension."""
    person = PersonFactory(system=conduct.system)
    incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["4"]],
        subject=person,
        occurred_at=timezone.now() - timedelta(hours=1),
    )
    step = services.recommendation_for(incident=incident, person=person).step
    LadderStepChoice.objects.create(
        step=step, position=2, outcome=Outcome.SUSPENSION, length_min=1, length_max=1, length_unit="days"
    )
    conduct.person, conduct.incident = person, incident
    return conduct


def _issue(world, outcome, days=1, **extra):
    today = today_in(world.system)
    return services.exclusion_issue(
        actor=world.users["supervisor"],
        incident=world.incident,
        person=world.person,
        outcome=outcome,
        start_date=today,
        end_date=today + timedelta(days=days - 1),
        branch=world.branch,
        **extra,
    )


def test_the_second_option_is_issued_without_a_reason_and_recorded(first_offence):
    recommendation = services.recommendation_for(incident=first_offence.incident, person=first_offence.person)
    assert recommendation.has_choice()
    exclusion = _issue(first_offence, Outcome.SUSPENSION)
    assert not exclusion.is_deviation
    assert (exclusion.ladder_option, exclusion.ladder_option_text) == (2, "a suspension of 1 day")
    event = AuditEvent.objects.filter(object_id=str(exclusion.pk)).latest("pk")
    # The option's text is free text: the trail records that it was set, not what it says.
    assert event.event == "conduct.exclusion_issued" and event.changes["ladder_option"] == {}


def test_a_third_outcome_is_a_deviation_and_changes_nothing_without_a_reason(first_offence):
    with pytest.raises(ValidationError) as refused:
        _issue(first_offence, Outcome.SUSPENSION, days=3)
    assert "deviation_reason" in refused.value.message_dict
    assert not Exclusion.objects.filter(person=first_offence.person).exists()


def test_the_exclusion_page_shows_the_option_chosen(first_offence, client):
    from django.urls import reverse

    from patroncare.conftest import sign_in

    exclusion = _issue(first_offence, Outcome.SUSPENSION)
    response = sign_in(client, first_offence.users["supervisor"]).get(
        reverse("conduct:exclusion_detail", args=[exclusion.pk])
    )
    assert response.status_code == 200
    assert "Option of the ladder chosen" in response.content.decode()
