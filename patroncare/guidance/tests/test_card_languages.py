"""A quick card printed in Spanish names the library's policies in Spanish, not in English."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from patroncare.guidance import services
from patroncare.guidance.models import Playbook
from patroncare.policies.models import Policy
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def _card_text(client, slug) -> str:
    response = client.get(reverse("guidance:card", args=[slug]))
    assert response.status_code == 200
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_spanish_quick_card_names_the_policy_in_spanish(signed_in, world):
    policy = PolicyFactory(system=world.system, title="Fines and fees", flexibility="firm")
    Policy.objects.filter(pk=policy.pk).update(title_en="Fines and fees", title_es="Multas y cargos")
    services.playbooks_install_standard(system=world.system, policies={"fines": policy})
    slug = Playbook.objects.filter(related_policies=policy).values_list("slug", flat=True).first()
    client = signed_in(world.users["frontline"])
    client.cookies["django_language"] = "es"
    text = " ".join(_card_text(client, slug).split())
    assert "Multas y cargos" in text
    assert "Fines and fees" not in text and "Policies involved" not in text


def test_an_english_quick_card_names_the_policy_in_english(signed_in, world):
    policy = PolicyFactory(system=world.system, title="Fines and fees", flexibility="firm")
    Policy.objects.filter(pk=policy.pk).update(title_en="Fines and fees", title_es="Multas y cargos")
    services.playbooks_install_standard(system=world.system, policies={"fines": policy})
    slug = Playbook.objects.filter(related_policies=policy).values_list("slug", flat=True).first()
    client = signed_in(world.users["frontline"])
    client.cookies["django_language"] = "en"
    text = " ".join(_card_text(client, slug).split())
    assert "Fines and fees" in text and "Multas y cargos" not in text


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_both_meanings_of_a_phrase(back_to_the_latest_schema):
    from patroncare.testing.migrations import migrate_to

    old = migrate_to([("guidance", "0004_rules_from_the_rulebook")])
    system = old.get_model("libraries", "LibrarySystem").objects.create(name="Old County", slug="old-county")
    old.get_model("guidance", "Phrase").objects.create(
        system=system, key="wait", meaning_en="Please wait here.", meaning_es="Espere aquí, por favor."
    )
    new = migrate_to([("guidance", "0005_phrase_meaning_per_language")])
    phrase = new.get_model("guidance", "Phrase").objects.get(system_id=system.pk)
    assert (phrase.meaning, phrase.meaning_en, phrase.meaning_es) == (
        "Please wait here.",
        "Please wait here.",
        "Espere aquí, por favor.",
    )
