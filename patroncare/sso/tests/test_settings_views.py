"""The single sign-on settings page: who may see and change it, and what each change writes."""

import pytest
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.audit.models import AuditEvent
from patroncare.conftest import ADMIN_ONLY
from patroncare.sso import secrets
from patroncare.sso.models import OidcProvider, RoleMapping, Source

from .factories import OidcProviderFactory, RoleMappingFactory

pytestmark = pytest.mark.django_db
SETTINGS = reverse("sso:settings")

PROVIDER_POST = {
    "name_en": "Riverside staff account",
    "name_es": "Cuenta del personal de Riverside",
    "issuer": "https://login.riverside.example/",
    "client_id": "patroncare",
    "client_secret": "a-very-secret-value",
    "allowed_domains": "riverside.example, @RIVERSIDE-LIBRARY.example",
    "enabled": "on",
}


def test_only_administrators_see_the_settings_page(world, role_matrix):
    RoleMappingFactory(library_system=world.system, group="Riverside-only-group")
    role_matrix(SETTINGS, ADMIN_ONLY, hidden_text="Riverside-only-group")


def test_the_settings_page_makes_a_constant_number_of_queries(
    world, signed_in, django_assert_max_num_queries
):
    client = signed_in(world.users["administrator"])
    for number in range(12):
        RoleMappingFactory(library_system=world.system, group=f"group {number}", branch=world.branch)
    with django_assert_max_num_queries(20):
        response = client.get(SETTINGS)
    assert response.content.decode().count("<tr>") == 13


def test_an_administrator_saves_the_provider_with_the_secret_encrypted(world, signed_in):
    client = signed_in(world.users["administrator"])

    response = client.post(reverse("sso:provider_save"), PROVIDER_POST)

    assert response.status_code == 302
    provider = OidcProvider.objects.get(library_system=world.system)
    assert provider.issuer == "https://login.riverside.example"
    assert provider.allowed_domains == "riverside.example, riverside-library.example"
    assert "a-very-secret-value" not in provider.client_secret_encrypted
    assert secrets.client_secret(provider) == "a-very-secret-value"
    assert provider.name_es == "Cuenta del personal de Riverside"
    assert AuditEvent.objects.filter(event="sso.provider_saved").count() == 1
    assert AuditEvent.objects.filter(event="sso.provider_secret_changed").count() == 1
    assert "a-very-secret-value" not in str(list(AuditEvent.objects.values_list("params", "changes")))


def test_an_empty_secret_keeps_the_stored_one(world, signed_in):
    provider = OidcProviderFactory(library_system=world.system, secret="kept-secret")
    client = signed_in(world.users["administrator"])

    client.post(
        reverse("sso:provider_save"), {**PROVIDER_POST, "client_secret": "", "version": provider.version}
    )

    provider.refresh_from_db()
    assert provider.client_id == "patroncare"
    assert secrets.client_secret(provider) == "kept-secret"


def test_the_secret_from_the_environment_wins(world, monkeypatch):
    provider = OidcProviderFactory(library_system=world.system, secret="stored")
    monkeypatch.setenv("PATRONCARE_OIDC_SECRET_RIVERSIDE", "from-the-environment")

    assert secrets.client_secret(provider) == "from-the-environment"


def test_bad_provider_input_is_refused_and_kept_in_the_form(world, signed_in):
    client = signed_in(world.users["administrator"])

    response = client.post(
        reverse("sso:provider_save"),
        {**PROVIDER_POST, "issuer": "http://login.riverside.example", "allowed_domains": "nowhere"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The issuer must be an https:// address." in page
    assert "Enter at least one domain" in page
    assert 'value="patroncare"' in page
    assert not OidcProvider.objects.exists()


def test_a_stale_provider_form_is_refused(world, signed_in):
    provider = OidcProviderFactory(library_system=world.system)
    client = signed_in(world.users["administrator"])
    OidcProvider.objects.filter(pk=provider.pk).update(version=provider.version + 1)

    response = client.post(reverse("sso:provider_save"), {**PROVIDER_POST, "version": provider.version})

    assert response.status_code == 400
    provider.refresh_from_db()
    assert provider.client_id == "patroncare-riverside"


def test_a_mapping_is_added_and_removed_with_audit(world, signed_in):
    client = signed_in(world.users["administrator"])

    response = client.post(
        reverse("sso:mapping_add"),
        {"source": Source.OIDC, "group": " Desk Staff ", "role": Role.SUPERVISOR, "branch": world.branch.pk},
    )

    assert response.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.group, mapping.role, mapping.branch) == ("Desk Staff", Role.SUPERVISOR, world.branch)
    added = AuditEvent.objects.get(event="sso.mapping_added")
    assert added.params == {
        "source": "oidc",
        "group": "Desk Staff",
        "role": "supervisor",
        "branch_id": world.branch.pk,
    }

    client.post(reverse("sso:mapping_remove", args=[mapping.pk]))

    assert not RoleMapping.objects.exists()
    assert AuditEvent.objects.filter(event="sso.mapping_removed").count() == 1


def test_a_duplicate_mapping_is_refused(world, signed_in):
    RoleMappingFactory(library_system=world.system, group="Desk Staff", role=Role.FRONTLINE)
    client = signed_in(world.users["administrator"])

    response = client.post(
        reverse("sso:mapping_add"), {"source": Source.OIDC, "group": "desk staff", "role": Role.FRONTLINE}
    )

    assert response.status_code == 400
    assert "already gives this role" in response.content.decode()
    assert RoleMapping.objects.count() == 1


def test_a_branch_of_another_system_cannot_be_chosen(world, signed_in):
    client = signed_in(world.users["administrator"])

    response = client.post(
        reverse("sso:mapping_add"),
        {"source": Source.LDAP, "group": "x", "role": Role.FRONTLINE, "branch": world.other_system_branch.pk},
    )

    assert response.status_code == 400
    assert not RoleMapping.objects.exists()


def test_a_mapping_of_another_system_answers_404_and_stays(world, signed_in):
    theirs = RoleMappingFactory(library_system=world.other_system, group="Elsewhere desk")
    client = signed_in(world.users["administrator"])

    assert client.post(reverse("sso:mapping_remove", args=[theirs.pk])).status_code == 404
    assert RoleMapping.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("key", ["frontline", "supervisor", "security", "trainer", "trustee"])
def test_other_roles_cannot_change_anything(world, signed_in, key):
    mapping = RoleMappingFactory(library_system=world.system, group="Desk Staff")
    client = signed_in(world.users[key])

    assert client.post(reverse("sso:provider_save"), PROVIDER_POST).status_code == 403
    assert (
        client.post(
            reverse("sso:mapping_add"), {"source": Source.OIDC, "group": "New", "role": Role.ADMINISTRATOR}
        ).status_code
        == 403
    )
    assert client.post(reverse("sso:mapping_remove", args=[mapping.pk])).status_code == 403
    assert not OidcProvider.objects.exists()
    assert list(RoleMapping.objects.values_list("group", flat=True)) == ["Desk Staff"]


def test_actions_answer_get_with_405(world, signed_in):
    client = signed_in(world.users["administrator"])
    assert client.get(reverse("sso:provider_save")).status_code == 405
    assert client.get(reverse("sso:mapping_add")).status_code == 405


def test_the_sign_in_page_shows_the_button_in_the_readers_language(client, world):
    OidcProviderFactory(library_system=world.system)

    english = client.get(reverse("accounts:login")).content.decode()
    client.cookies["django_language"] = "es"
    spanish = client.get(reverse("accounts:login")).content.decode()

    assert "Sign in with Riverside staff account" in english
    assert 'href="/sso/riverside/start/"' in english
    assert "Cuenta del personal de Riverside" in spanish
