"""What the library writes exists in each of its languages: shown in the reader's, the other version marked
with its own `lang`, both versions edited side by side, what is missing listed on the administrator's desk."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from patroncare.core.languages import missing_versions
from patroncare.policies.models import Flexibility, Policy, PolicyArea
from patroncare.policies.services import policy_create, policy_update

pytestmark = pytest.mark.django_db


def _policy(world, title, title_es="", **values):
    return policy_create(
        actor=world.users["administrator"],
        system=world.system,
        title=title,
        title_es=title_es,
        area=PolicyArea.SPACES,
        flexibility=Flexibility.FLEXIBLE,
        body=values.pop("body", "Conversation is welcome at normal volume."),
        **values,
    )


def _spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def test_a_spanish_page_shows_the_spanish_version_and_marks_an_english_fallback(world, signed_in):
    _policy(world, "Noise and quiet spaces", "Ruido y espacios tranquilos")
    _policy(world, "Printing and copying")
    page = _spanish(signed_in(world.users["frontline"])).get(reverse("policies:list")).content.decode()
    assert "Ruido y espacios tranquilos" in page and "Noise and quiet spaces" not in page
    assert '<span lang="en">Printing and copying</span>' in page
    assert '<span lang="en">Ruido' not in page


def test_a_policy_text_in_english_only_is_marked_english_on_a_spanish_page(world, signed_in):
    policy = _policy(world, "Printing and copying", "Impresión y copias", body="Ten pages a day are free.")
    page = _spanish(signed_in(world.users["frontline"])).get(reverse("policies:detail", args=[policy.pk]))
    assert '<div class="formatted" lang="en"><p>Ten pages a day are free.</p>' in page.content.decode()


def test_an_english_page_never_marks_english_text(world, signed_in):
    _policy(world, "Printing and copying")
    page = signed_in(world.users["frontline"]).get(reverse("policies:list")).content.decode()
    assert "Printing and copying" in page and 'lang="en">Printing' not in page


def test_the_form_shows_both_versions_side_by_side_each_in_its_language(world, signed_in):
    policy = _policy(world, "Food and drink", "Comida y bebida")
    page = _spanish(signed_in(world.users["administrator"])).get(reverse("policies:edit", args=[policy.pk]))
    html = page.content.decode()
    block = html[html.index('data-versions="title"') :].split('data-versions="body"')[0]
    assert 'name="title"' in block and 'value="Food and drink"' in block and 'lang="en"' in block
    assert 'name="title_es"' in block and 'value="Comida y bebida"' in block and 'lang="es"' in block
    assert "Título (Inglés)" in block or "Title (English)" not in block


def test_saving_from_a_spanish_page_writes_each_version_in_its_own_column(world):
    policy = _policy(world, "Food and drink", "Comida y bebida")
    with translation.override("es"):
        policy_update(
            actor=world.users["administrator"],
            policy=policy,
            expected_version=policy.version,
            change_summary="Plain wording",
            title="Food and drinks",
            title_es="Comidas y bebidas",
        )
    saved = Policy.objects.get(pk=policy.pk)
    assert (saved.title_en, saved.title_es) == ("Food and drinks", "Comidas y bebidas")
    assert saved.versions.get(number=2).title_es == "Comidas y bebidas"


def test_a_change_of_one_version_leaves_a_missing_one_missing(world):
    """Writing the English body from a Spanish page never copies it (its fallback) into the Spanish column."""
    policy = _policy(world, "Food and drink", "Comida y bebida")
    with translation.override("es"):
        policy_update(
            actor=world.users["administrator"],
            policy=policy,
            expected_version=policy.version,
            change_summary="Longer",
            body="Covered drinks are welcome.",
        )
    saved = Policy.objects.get(pk=policy.pk)
    assert saved.body_en == "Covered drinks are welcome." and not saved.body_es


def test_the_administrators_desk_lists_what_lacks_a_spanish_version_per_module(world, signed_in):
    _policy(world, "Printing and copying")
    _policy(world, "Noise and quiet spaces", "Ruido y espacios tranquilos", body="Quiet.")
    with translation.override("en"):
        found = missing_versions(system_id=world.system.pk, language="es")
        counts = {str(text.module): n for text, n in found}
    # Both policies lack a Spanish body; only one lacks a Spanish title: each is counted once.
    assert counts["Policies"] == 2
    desk = signed_in(world.users["administrator"]).get(reverse("core:desk")).content.decode()
    assert "Still to translate" in desk and "2 without a version in Spanish" in desk
    frontline_desk = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    assert "Still to translate" not in frontline_desk


def test_another_systems_texts_are_not_counted(world):
    _policy(world, "Printing and copying")
    assert missing_versions(system_id=world.other_system.pk, language="es") == []


def test_the_missing_list_costs_one_query_per_kind_of_text(world, django_assert_max_num_queries):
    for n in range(5):
        _policy(world, f"Policy {n}")
    from patroncare.core.languages import _watched

    with django_assert_max_num_queries(len(_watched)):
        missing_versions(system_id=world.system.pk, language="es")


def test_a_third_language_is_a_setting(tmp_path):
    """PATRONCARE_EXTRA_LANGUAGES=vi:Tiếng Việt gives every translated field a Vietnamese column (after
    makemigrations), and the interface its language; no code changes."""
    root = Path(settings.BASE_DIR)
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.utils import translation\n"
        "from patroncare.policies.models import Policy\n"
        "from patroncare.core.languages import shown_version\n"
        "assert ('vi', 'Tiếng Việt') in [(c, str(n)) for c, n in settings.LANGUAGES], settings.LANGUAGES\n"
        "Policy._meta.get_field('title_vi')\n"
        "policy = Policy(title_en='Food and drink', title_es='Comida y bebida', title_vi='')\n"
        "print(shown_version(policy, 'title', 'vi'))\n"
        "policy.title_vi = 'Đồ ăn và thức uống'\n"
        "with translation.override('vi'):\n"
        "    print(policy.title)\n"
    )
    env = {
        **os.environ,
        "PATRONCARE_EXTRA_LANGUAGES": "vi:Tiếng Việt",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["('Food and drink', 'en')", "Đồ ăn và thức uống"]
