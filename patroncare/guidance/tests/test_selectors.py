import pytest
from django.http import Http404
from django.utils import translation

from patroncare.guidance import selectors
from patroncare.guidance.tests.factories import PlaybookFactory, PlaybookTextFactory

pytestmark = pytest.mark.django_db


def test_the_text_follows_the_language_and_falls_back_to_english(world):
    playbook = PlaybookFactory(system=world.system)
    PlaybookTextFactory(playbook=playbook, language="en", title="An angry patron")
    with translation.override("es"):
        assert (
            selectors.text_for(
                selectors.playbook_get(user=world.users["frontline"], slug=playbook.slug)
            ).title
            == "An angry patron"
        )
    PlaybookTextFactory(playbook=playbook, language="es", title="Un usuario enfadado")
    with translation.override("es"):
        assert (
            selectors.text_for(
                selectors.playbook_get(user=world.users["frontline"], slug=playbook.slug)
            ).title
            == "Un usuario enfadado"
        )


def test_a_playbook_of_another_system_or_inactive_is_not_found(world):
    other = PlaybookFactory(system=world.other_system, slug="angry-patron")
    inactive = PlaybookFactory(system=world.system, slug="old", is_active=False)
    for slug in (other.slug, inactive.slug):
        with pytest.raises(Http404):
            selectors.playbook_get(user=world.users["frontline"], slug=slug)


def test_desk_playbooks_are_the_pinned_active_ones_in_order(world):
    second = PlaybookFactory(system=world.system, on_desk=True, order=20)
    first = PlaybookFactory(system=world.system, on_desk=True, order=10)
    PlaybookFactory(system=world.system, on_desk=False, order=1)
    PlaybookFactory(system=world.system, on_desk=True, order=5, is_active=False)
    assert list(selectors.desk_playbooks(user=world.users["frontline"])) == [first, second]
