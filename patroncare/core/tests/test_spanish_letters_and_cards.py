"""The demo's Spanish letters and quick cards, as printed: the text extracted from each PDF holds none of the
English the library wrote where a Spanish version exists, and none of PatronCare's own English sentences."""

import io
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from patroncare.accounts.models import User
from patroncare.conduct.letters import exclusion_notice_pdf
from patroncare.conduct.models import Exclusion
from patroncare.conduct.tests.test_letters_spanish import _english_words
from patroncare.conftest import sign_in
from patroncare.core.tests.test_spanish_crawl import _interface_english, _library_english
from patroncare.guidance.models import Playbook

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _english_in(text: str, english: set[str]) -> set[str]:
    return {sentence for sentence in english if len(sentence) > 12 and sentence in text}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    return _interface_english() | _library_english()


def test_every_spanish_exclusion_notice_of_the_demo_is_in_spanish(demo):
    letters = Exclusion.objects.filter(letter_language="es").select_related("system")
    assert letters.count() >= 5
    for exclusion in letters:
        text = _text(exclusion_notice_pdf(exclusion, language="es"))
        assert "Aviso de exclusión" in text
        assert _english_in(text, demo) == set(), (exclusion.pk, text)
        # The library's own name is the one English a Spanish letter prints as it is.
        words = _english_words(text.replace("Riverbend Public Library", " "))
        assert words == set(), (exclusion.pk, words, text)
        for incident in exclusion.incidents.all():
            assert incident.summary not in text, (exclusion.pk, incident.summary)


def test_every_spanish_quick_card_of_the_demo_is_in_spanish(client, demo):
    sign_in(client, User.objects.get(email="luis.ortega@riverbend.example"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    playbooks = Playbook.objects.filter(system__slug="riverbend", is_active=True)
    slugs = list(playbooks.values_list("slug", flat=True))
    assert len(slugs) >= 5
    for slug in slugs:
        response = client.get(reverse("guidance:card", args=[slug]))
        assert response.status_code == 200
        text = _text(response.content)
        assert _english_in(text, demo) == set(), (slug, text)
        assert not {"the", "you", "your", "and", "with"} & set(text.lower().split()), (slug, text)
