from datetime import timedelta

import pytest

from patroncare.conduct import services
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome, Rule
from patroncare.rulebook.services import rules_install_defaults


@pytest.fixture
def conduct(world):
    """The world with the default rules, ladder, limits and appeal settings installed."""
    rules_install_defaults(system=world.system)
    world.rules = {rule.code: rule for rule in Rule.objects.filter(system=world.system)}
    return world


@pytest.fixture(autouse=True)
def letters_media(settings, tmp_path_factory):
    """Letters printed in a test are stored under a temporary MEDIA_ROOT, never the real one."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def case(conduct):
    """An issued suspension of Casey Hidden at the branch, its deviation from the ladder approved."""
    person = PersonFactory(system=conduct.system, name="Casey Hidden", description="Yellow scarf")
    conduct.incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["4"]],
        subject=person,
    )
    conduct.person = person
    today = today_in(conduct.system)
    conduct.exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=conduct.incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=29),
        branch=conduct.branch,
        deviation_reason="Shouted threats after the warning.",
    )
    services.exclusion_approve_deviation(actor=conduct.users["administrator"], exclusion=conduct.exclusion)
    return conduct
