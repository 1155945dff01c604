import pytest

from patroncare.rulebook.models import Rule
from patroncare.rulebook.services import rules_install_defaults


@pytest.fixture
def conduct(world):
    """The world with the default rules, ladder, limits and appeal settings installed."""
    rules_install_defaults(system=world.system)
    world.rules = {rule.code: rule for rule in Rule.objects.filter(system=world.system)}
    return world
