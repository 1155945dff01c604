import pytest
from django.urls import reverse

from patroncare.conftest import ADMIN_ONLY_RECORD, EVERY_MEMBER
from patroncare.guidance import services
from patroncare.guidance.models import PlaybookText
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

STAFF = {**EVERY_MEMBER, "trustee": 403}
STAFF_RECORD = {**STAFF, "other_system_admin": 404}


@pytest.fixture
def playbooks(world):
    policy = PolicyFactory(system=world.system, title="Fines and fees", flexibility="firm")
    services.playbooks_install_standard(system=world.system, policies={"fines": policy})
    services.phrase_cards_install_standard(system=world.system)
    return policy


@pytest.mark.parametrize("url_name", ["guidance:index", "guidance:phrases"])
def test_guidance_is_for_every_member_of_staff(role_matrix, playbooks, url_name):
    role_matrix(reverse(url_name), STAFF)


def test_a_playbook_answers_404_to_another_system(role_matrix, playbooks):
    role_matrix(
        reverse("guidance:playbook", args=["angry-patron"]), STAFF_RECORD, hidden_text="Fines and fees"
    )


def test_the_quick_card_answers_404_to_another_system(role_matrix, playbooks):
    role_matrix(reverse("guidance:card", args=["unattended-child"]), STAFF_RECORD)


@pytest.mark.parametrize("url_name", ["guidance:edit", "guidance:settings", "guidance:history"])
def test_editing_is_for_administrators_of_the_system(role_matrix, playbooks, url_name):
    role_matrix(reverse(url_name, args=["angry-patron"]), ADMIN_ONLY_RECORD, hidden_text="Fines and fees")


def test_the_playbook_shows_every_section_and_the_policy_on_the_scale(signed_in, world, playbooks):
    content = (
        signed_in(world.users["frontline"])
        .get(reverse("guidance:playbook", args=["angry-patron"]))
        .content.decode()
    )
    for heading in ("Steps", "Words to use", "What to avoid", "When and whom to call", "Policies involved"):
        assert f">{heading}</h2>" in content
    assert "Fines and fees" in content and "A supervisor may grant an exception" in content


def test_the_language_playbook_shows_the_phrase_cards(signed_in, world, playbooks):
    content = (
        signed_in(world.users["frontline"])
        .get(reverse("guidance:playbook", args=["another-language"]))
        .content.decode()
    )
    assert 'lang="vi"' in content and "Xin chào. Tôi có thể giúp gì cho bạn?" in content


def test_the_playbook_is_in_spanish_for_a_spanish_speaker(signed_in, world, playbooks):
    client = signed_in(world.users["frontline"])
    client.cookies["django_language"] = "es"
    content = client.get(
        reverse("guidance:playbook", args=["angry-patron"]), HTTP_ACCEPT_LANGUAGE="es"
    ).content
    assert "Un usuario enfadado" in content.decode()


def test_the_quick_card_is_a_pdf(signed_in, world, playbooks):
    response = signed_in(world.users["frontline"]).get(reverse("guidance:card", args=["threats-or-violence"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_the_desk_lists_the_pinned_playbooks_one_tap_away(signed_in, world, playbooks):
    content = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    for slug in (
        "angry-patron",
        "grumpy-or-abusive",
        "another-language",
        "unattended-child",
        "mental-health-crisis",
        "threats-or-violence",
    ):
        assert f'href="/guidance/{slug}/"' in content
    assert 'href="/guidance/"' in content


def test_desk_section_query_count_does_not_grow_with_playbooks(
    signed_in, world, playbooks, django_assert_max_num_queries
):
    from patroncare.guidance.shell import desk_playbooks

    user = world.users["frontline"]
    with django_assert_max_num_queries(1):
        items = desk_playbooks(user)
    assert len(items) == 6


def test_an_administrator_edits_a_playbook_in_spanish(signed_in, world, playbooks):
    client = signed_in(world.users["administrator"])
    data = {
        "language": "es",
        "version": "1",
        "title": "Un usuario muy enfadado",
        "summary": "Primero los sentimientos.",
        "steps": "1. Escuche.",
        "words_to_use": "- Hola",
        "avoid": "- Discutir",
        "when_to_call": "- Supervisor",
    }
    response = client.post(reverse("guidance:edit", args=["angry-patron"]), data)
    assert response.status_code == 302
    assert (
        PlaybookText.objects.get(
            playbook__slug="angry-patron", playbook__system=world.system, language="es"
        ).title
        == "Un usuario muy enfadado"
    )


def test_an_empty_section_answers_400_and_keeps_what_was_typed(signed_in, world, playbooks):
    client = signed_in(world.users["administrator"])
    data = {
        "language": "en",
        "version": "1",
        "title": "Kept title",
        "summary": "Kept summary",
        "steps": "",
        "words_to_use": "- Hi",
        "avoid": "- x",
        "when_to_call": "- y",
    }
    response = client.post(reverse("guidance:edit", args=["angry-patron"]), data)
    assert response.status_code == 400
    assert "Kept summary" in response.content.decode()
    assert (
        PlaybookText.objects.get(
            playbook__slug="angry-patron", playbook__system=world.system, language="en"
        ).title
        == "An angry patron"
    )


def test_a_denied_edit_changes_nothing(signed_in, world, playbooks):
    response = signed_in(world.users["supervisor"]).post(
        reverse("guidance:edit", args=["angry-patron"]), {"language": "en", "title": "Changed"}
    )
    assert response.status_code == 403
    assert (
        PlaybookText.objects.get(
            playbook__slug="angry-patron", playbook__system=world.system, language="en"
        ).title
        == "An angry patron"
    )


def test_an_administrator_of_a_new_library_adds_the_standard_playbooks(signed_in, world):
    client = signed_in(world.users["administrator"])
    assert "Add the standard playbooks" in client.get(reverse("guidance:index")).content.decode()
    response = client.post(reverse("guidance:install_standard"))
    assert response.status_code == 302
    assert world.system.playbooks.count() == 12
    assert "Add the standard playbooks" not in client.get(reverse("guidance:index")).content.decode()


def test_a_supervisor_cannot_add_the_standard_playbooks(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(reverse("guidance:install_standard"))
    assert response.status_code == 403
    assert world.system.playbooks.count() == 0


@pytest.mark.parametrize("url_name", ["guidance:phrases_manage"])
def test_managing_phrase_cards_is_for_administrators(role_matrix, url_name):
    role_matrix(reverse(url_name), {**ADMIN_ONLY_RECORD, "other_system_admin": 200})


def test_a_phrase_language_answers_404_to_another_system(role_matrix, world, playbooks):
    language = world.system.phrase_languages.get(code="vi")
    role_matrix(
        reverse("guidance:phrase_language", args=[language.pk]), ADMIN_ONLY_RECORD, hidden_text="Tiếng Việt"
    )


def test_an_administrator_adds_a_language_and_translates_the_phrases(signed_in, world, playbooks):
    client = signed_in(world.users["administrator"])
    response = client.post(
        reverse("guidance:phrases_manage"),
        {
            "language-code": "so",
            "language-name": "Soomaali",
            "language-english_name": "Somali",
            "language-direction": "ltr",
        },
    )
    language = world.system.phrase_languages.get(code="so")
    assert response["Location"] == reverse("guidance:phrase_language", args=[language.pk])
    welcome = world.system.phrases.get(key="welcome")
    response = client.post(
        reverse("guidance:phrase_language", args=[language.pk]),
        {f"phrase_{welcome.pk}": "Soo dhawoow. Sideen kuu caawin karaa?", "version": language.version},
    )
    assert response.status_code == 302
    assert list(language.translations.values_list("text", flat=True)) == [
        "Soo dhawoow. Sideen kuu caawin karaa?"
    ]
    content = client.get(reverse("guidance:playbook", args=["another-language"])).content.decode()
    assert 'lang="so"' in content


def test_a_bad_language_code_or_a_duplicate_answers_400_and_adds_nothing(signed_in, world, playbooks):
    client = signed_in(world.users["administrator"])
    for code in ("Vietnamese!", "vi"):
        response = client.post(
            reverse("guidance:phrases_manage"),
            {
                "language-code": code,
                "language-name": "Tiếng Việt",
                "language-english_name": "Vietnamese",
                "language-direction": "ltr",
            },
        )
        assert response.status_code == 400
        assert "Tiếng Việt" in response.content.decode()
    assert world.system.phrase_languages.count() == 3


def test_a_supervisor_cannot_add_a_language(signed_in, world, playbooks):
    response = signed_in(world.users["supervisor"]).post(
        reverse("guidance:phrases_manage"),
        {
            "language-code": "so",
            "language-name": "Soomaali",
            "language-english_name": "Somali",
            "language-direction": "ltr",
        },
    )
    assert response.status_code == 403
    assert world.system.phrase_languages.count() == 3
