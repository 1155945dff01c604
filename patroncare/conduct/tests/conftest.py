import pytest

from patroncare.rulebook.models import Rule
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
