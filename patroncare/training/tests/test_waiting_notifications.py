from datetime import date

import pytest

from patroncare.notifications.models import Notification
from patroncare.training import services
from patroncare.training.tests.factories import ScenarioFactory

pytestmark = pytest.mark.django_db


def test_an_assigned_scenario_waits_for_its_assignee_until_cancelled(world, sent):
    scenario = ScenarioFactory(system=world.system)
    with sent():
        assignment = services.assignment_create(
            actor=world.users["trainer"],
            assignee=world.users["frontline"],
            scenario=scenario,
            due_date=date(2030, 2, 28),
        )
    waiting = Notification.objects.filter(kind="training.assigned", read_at__isnull=True)
    assert list(waiting.values_list("user", flat=True)) == [world.users["frontline"].pk]
    assert "2030-02-28" in waiting.get().line
    services.assignment_cancel(actor=world.users["trainer"], assignment=assignment)
    assert not waiting.exists()
