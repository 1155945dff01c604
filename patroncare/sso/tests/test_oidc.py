"""OpenID Connect sign-in against a real provider (Node's oidc-provider), through the Django test client."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from patroncare.accounts.models import Role, RoleAssignment
from patroncare.audit.models import AuditEvent
from patroncare.sso.models import ExternalIdentity, RoleMapping, Source

from . import servers
from .conftest import provider_round_trip
from .factories import OidcProviderFactory

User = get_user_model()
pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_first_sign_in_creates_the_account_with_the_mapped_role(client, world, provider):
    response = provider_round_trip(client, "maria")

    assert response.redirect_chain[-1][0] == reverse("core:desk")
    user = User.objects.get(email="maria.santos@riverside.example")
    assert user.library_system == world.system
    assert user.full_name == "Maria Santos"
    assert not user.has_usable_password()
    assert list(user.role_assignments.values_list("role", "branch_id")) == [(Role.FRONTLINE, world.branch.pk)]
    assert ExternalIdentity.objects.filter(user=user, source=Source.OIDC).count() == 1
    event = AuditEvent.objects.get(event="sso.account_created")
    assert event.params == {"source": "oidc", "roles": f"frontline:{world.branch.pk}"}
    assert "Maria" not in str(event.params)
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_unknown_group_is_refused_and_nothing_is_created(client, world, provider):
    users_before = User.objects.count()

    response = provider_round_trip(client, "lee")

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "none of your groups gives you a role in PatronCare" in _messages(response)
    assert User.objects.count() == users_before
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(event="sso.sign_in_refused").params == {
        "source": "oidc",
        "reason": "no_role",
    }


def test_a_wrong_client_secret_is_refused_with_a_clear_message(client, world, oidc_server):
    RoleMapping.objects.create(
        library_system=world.system, source=Source.OIDC, group="PatronCare Desk", role=Role.FRONTLINE
    )
    OidcProviderFactory(library_system=world.system, issuer=oidc_server.issuer, secret="not-the-secret")
    users_before = User.objects.count()

    response = provider_round_trip(client, "maria")

    assert "refused PatronCare's client ID or secret" in _messages(response)
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(event="sso.sign_in_refused").params["reason"] == "invalid_client"


def test_an_expired_id_token_is_refused(client, world, expired_token_server):
    RoleMapping.objects.create(
        library_system=world.system, source=Source.OIDC, group="PatronCare Desk", role=Role.FRONTLINE
    )
    OidcProviderFactory(library_system=world.system, issuer=expired_token_server.issuer)
    users_before = User.objects.count()

    response = provider_round_trip(client, "maria")

    assert "expired proof of sign-in" in _messages(response)
    assert User.objects.count() == users_before
    assert AuditEvent.objects.get(event="sso.sign_in_refused").params["reason"] == "token_expired"


def test_a_provider_that_is_down_is_reported_and_nothing_is_created(client, world):
    OidcProviderFactory(library_system=world.system, issuer=f"http://127.0.0.1:{servers.free_port()}")
    users_before = User.objects.count()

    response = client.get("/sso/riverside/start/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "does not answer" in _messages(response)
    assert User.objects.count() == users_before
    assert AuditEvent.objects.get(event="sso.sign_in_refused").params["reason"] == "provider_unreachable"


def test_the_refusal_reads_in_spanish(client, world, provider):
    client.cookies["django_language"] = "es"

    response = provider_round_trip(client, "lee")

    assert "ninguno de sus grupos le da un rol en PatronCare" in _messages(response)


def test_an_address_outside_the_allowed_domains_is_refused(client, world, provider):
    response = provider_round_trip(client, "outsider")

    assert "Addresses at gmail.example may not sign in" in _messages(response)
    assert not User.objects.filter(email="sam@gmail.example").exists()


def test_a_mapping_change_applies_at_the_next_sign_in_and_is_audited(client, world, provider):
    provider_round_trip(client, "maria")
    user = User.objects.get(email="maria.santos@riverside.example")
    client.logout()
    RoleMapping.objects.filter(group="PatronCare Desk").update(
        role=Role.SUPERVISOR, branch=world.other_branch
    )

    provider_round_trip(client, "maria")

    assert list(user.role_assignments.values_list("role", "branch_id")) == [
        (Role.SUPERVISOR, world.other_branch.pk)
    ]
    event = AuditEvent.objects.get(event="sso.roles_applied")
    assert event.changes == {
        "roles": {"old": [f"frontline:{world.branch.pk}"], "new": [f"supervisor:{world.other_branch.pk}"]}
    }


def test_a_person_whose_group_no_longer_maps_loses_access_at_the_next_sign_in(client, world, provider):
    provider_round_trip(client, "maria")
    user = User.objects.get(email="maria.santos@riverside.example")
    client.logout()
    RoleMapping.objects.filter(group="PatronCare Desk").delete()

    response = provider_round_trip(client, "maria")

    user.refresh_from_db()
    assert not user.is_active
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert "_auth_user_id" not in client.session
    assert "none of your groups" in _messages(response)


def test_an_administrator_whose_provider_reports_mfa_needs_no_second_code(client, world, provider):
    response = provider_round_trip(client, "dana")

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("core:desk")
    assert client.get(reverse("sso:settings")).status_code == 200


def test_an_administrator_without_mfa_at_the_provider_is_asked_for_patroncare_two_factor(
    client, world, provider
):
    response = provider_round_trip(client, "omar")

    assert response.redirect_chain[-1][0] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("sso:settings")).status_code == 302


def test_an_existing_local_account_of_the_same_address_is_joined(client, world, provider):
    local = User.objects.create_user(
        "maria.santos@riverside.example",
        "local-password-123",
        full_name="M. Santos",
        library_system=world.system,
    )

    provider_round_trip(client, "maria")

    assert ExternalIdentity.objects.get().user == local
    assert User.objects.filter(email__iexact="maria.santos@riverside.example").count() == 1
    assert int(client.session["_auth_user_id"]) == local.pk


def test_an_address_of_another_system_is_refused(client, world, provider):
    User.objects.create_user(
        "maria.santos@riverside.example",
        "x-password-123",
        full_name="Maria",
        library_system=world.other_system,
    )

    response = provider_round_trip(client, "maria")

    assert "another library system" in _messages(response)
    assert not ExternalIdentity.objects.exists()


def test_a_replayed_callback_is_refused(client, world, provider):
    response = client.get("/sso/riverside/callback/?code=abc&state=forged", follow=True)

    assert "started elsewhere or has already been used" in _messages(response)
    assert "_auth_user_id" not in client.session


def test_a_disabled_provider_has_no_button_and_its_addresses_answer_404(client, world, provider):
    provider.enabled = False
    provider.save()

    assert client.get("/sso/riverside/start/").status_code == 404
    assert "Sign in with" not in client.get(reverse("accounts:login")).content.decode()
