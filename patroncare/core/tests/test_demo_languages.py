"""Loading the demo twice changes nothing, even when the caller runs in Spanish.

Library-written names are translated fields: a lookup by `name` reads the active language, so a loader run in
Spanish would not find the English-named records it made the first time and would try to make them again.
"""

import pytest
from django.utils import translation

from patroncare.core.demo import load_demo
from patroncare.rulebook.models import AuthorityGroup

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_loading_the_demo_twice_in_spanish_changes_nothing():
    with translation.override("es"):
        load_demo()
        groups = AuthorityGroup.objects.count()
        load_demo()
        assert AuthorityGroup.objects.count() == groups
