import pytest
from django.core.exceptions import PermissionDenied

from patroncare.core.concurrency import StaleEditError
from patroncare.guidance import services
from patroncare.guidance.content import PLAYBOOKS
from patroncare.guidance.models import PhraseTranslation, Playbook, PlaybookRevision, PlaybookText
from patroncare.guidance.tests.factories import PlaybookTextFactory
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "An angry patron",
    "summary": "Feelings first.",
    "steps": "1. Listen.",
    "words_to_use": "- Hi",
    "avoid": "- Arguing",
    "when_to_call": "- A supervisor",
}


def test_the_standard_playbooks_install_in_english_and_spanish_once(world):
    policy = PolicyFactory(system=world.system, title="Fines and fees")
    services.playbooks_install_standard(system=world.system, policies={"fines": policy})
    services.playbooks_install_standard(system=world.system, policies={"fines": policy})
    assert Playbook.objects.filter(system=world.system).count() == len(PLAYBOOKS) == 12
    assert PlaybookText.objects.filter(playbook__system=world.system, language="es").count() == 12
    angry = Playbook.objects.get(system=world.system, slug="angry-patron")
    assert list(angry.related_policies.all()) == [policy]
    assert angry.texts.get(language="es").title == "Un usuario enfadado"


def test_every_shipped_playbook_has_every_section_in_both_languages():
    for item in PLAYBOOKS:
        for language in ("en", "es"):
            assert all(item[language][name].strip() for name in TEXT), (item["slug"], language)


def test_phrase_cards_install_in_the_configured_languages_once(world):
    services.phrase_cards_install_standard(system=world.system)
    services.phrase_cards_install_standard(system=world.system)
    assert PhraseTranslation.objects.filter(phrase__system=world.system).count() == 7 * 3


def test_an_administrator_edit_keeps_a_revision_with_the_text_before(world):
    text = PlaybookTextFactory(playbook__system=world.system, title="Old title")
    services.playbook_text_update(
        actor=world.users["administrator"], playbook=text.playbook, language="en", expected_version=1, **TEXT
    )
    revision = PlaybookRevision.objects.get()
    assert (revision.before["title"], revision.after["title"], revision.number) == (
        "Old title",
        TEXT["title"],
        1,
    )
    assert "title" in revision.changed_fields
    text.refresh_from_db()
    assert text.title == "An angry patron"


def test_a_stale_edit_changes_nothing(world):
    text = PlaybookTextFactory(playbook__system=world.system, title="Old title")
    Playbook.objects.filter(pk=text.playbook_id).update(version=3)
    with pytest.raises(StaleEditError):
        services.playbook_text_update(
            actor=world.users["administrator"],
            playbook=text.playbook,
            language="en",
            expected_version=1,
            **TEXT,
        )
    text.refresh_from_db()
    assert text.title == "Old title"
    assert not PlaybookRevision.objects.exists()


@pytest.mark.parametrize("user_key", ["supervisor", "frontline", "other_system_admin"])
def test_only_administrators_of_the_system_edit(world, user_key):
    text = PlaybookTextFactory(playbook__system=world.system, title="Old title")
    with pytest.raises(PermissionDenied):
        services.playbook_text_update(
            actor=world.users[user_key], playbook=text.playbook, language="en", expected_version=1, **TEXT
        )
    text.refresh_from_db()
    assert text.title == "Old title"


def test_settings_cannot_link_a_policy_of_another_system(world):
    text = PlaybookTextFactory(playbook__system=world.system)
    with pytest.raises(PermissionDenied):
        services.playbook_settings_update(
            actor=world.users["administrator"],
            playbook=text.playbook,
            expected_version=1,
            on_desk=True,
            order=1,
            is_active=True,
            related_policies=[PolicyFactory(system=world.other_system)],
        )
    assert not text.playbook.related_policies.exists()
