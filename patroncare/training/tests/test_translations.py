from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from patroncare.training.scenario_format import SKILLS

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_the_spanish_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert len(po.translated_entries()) > 200


def test_skill_names_are_translated():
    with translation.override("es"):
        assert str(SKILLS["scale_of_yes"]) == "La Escala del Sí"


@pytest.mark.django_db
def test_the_practice_room_speaks_spanish(signed_in, world):
    client = signed_in(world.users["frontline"])
    response = client.get(reverse("training:library"), headers={"accept-language": "es"})
    assert "Practique los momentos difíciles" in response.content.decode()
