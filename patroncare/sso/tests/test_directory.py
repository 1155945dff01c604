"""LDAP sign-in and the daily leavers check against Debian's slapd, loaded with a small directory."""

import ldap
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.audit.models import AuditEvent
from patroncare.sso.models import ExternalIdentity, Source
from patroncare.sso.tasks import directory_check_leavers

from . import servers

User = get_user_model()
pytestmark = pytest.mark.django_db
ANA_DN = f"uid=ana.ortiz,ou=people,{servers.BASE_DN}"
DESK_GROUP = f"cn=Circulation Desk,ou=groups,{servers.BASE_DN}"


def _sign_in(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def _as_admin(directory):
    connection = ldap.initialize(directory.uri)
    connection.simple_bind_s(servers.ADMIN_DN, servers.ADMIN_PASSWORD)
    return connection


def _form_errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def test_a_directory_member_of_a_mapped_group_signs_in_and_gets_the_role(client, world, directory):
    response = _sign_in(client, "ana.ortiz@riverbend.example", "desk-password-1")

    assert response.status_code == 302
    user = User.objects.get(email="ana.ortiz@riverbend.example")
    assert user.full_name == "Ana Ortiz"
    assert user.library_system == world.system
    assert not user.has_usable_password()
    assert list(user.role_assignments.values_list("role", "branch_id")) == [(Role.FRONTLINE, world.branch.pk)]
    assert ExternalIdentity.objects.get(user=user).subject == ANA_DN.lower()
    assert AuditEvent.objects.filter(event="sso.account_created", params__source="ldap").count() == 1


def test_a_directory_group_without_mapping_is_refused_with_a_clear_message(client, world, directory):
    users_before = User.objects.count()

    response = _sign_in(client, "ben.cole@riverbend.example", "desk-password-2")

    assert response.status_code == 200
    assert "none of your groups gives you a role in PatronCare" in _form_errors(response)
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in client.session


def test_a_wrong_directory_password_creates_nothing(client, world, directory):
    users_before = User.objects.count()

    response = _sign_in(client, "ana.ortiz@riverbend.example", "not-her-password")

    assert "do not match an active account" in _form_errors(response)
    assert User.objects.count() == users_before


def test_a_directory_that_is_down_is_reported(client, world, directory, settings):
    settings.AUTH_LDAP_SERVER_URI = f"ldap://127.0.0.1:{servers.free_port()}"
    users_before = User.objects.count()

    response = _sign_in(client, "ana.ortiz@riverbend.example", "desk-password-1")

    assert "directory does not answer" in _form_errors(response)
    assert User.objects.count() == users_before


def test_the_daily_check_switches_off_someone_removed_from_the_group(client, world, directory):
    _sign_in(client, "ana.ortiz@riverbend.example", "desk-password-1")
    _sign_in(client.__class__(), "kim.lee@riverbend.example", "desk-password-3")
    ana = User.objects.get(email="ana.ortiz@riverbend.example")
    connection = _as_admin(directory)
    connection.modify_s(DESK_GROUP, [(ldap.MOD_DELETE, "member", [ANA_DN.encode()])])

    withdrawn = directory_check_leavers()

    ana.refresh_from_db()
    assert withdrawn == 1
    assert not ana.is_active
    assert not ana.role_assignments.exists()
    assert User.objects.get(email="kim.lee@riverbend.example").is_active
    assert AuditEvent.objects.filter(event="sso.access_withdrawn", object_id=str(ana.pk)).count() == 1
    # Her open session ends too: an inactive account is not loaded from the session.
    assert client.get(reverse("core:desk")).status_code == 302


def test_the_daily_check_switches_off_someone_deleted_from_the_directory(client, world, directory):
    _sign_in(client, "ana.ortiz@riverbend.example", "desk-password-1")
    connection = _as_admin(directory)
    connection.modify_s(DESK_GROUP, [(ldap.MOD_DELETE, "member", [ANA_DN.encode()])])
    connection.delete_s(ANA_DN)

    assert directory_check_leavers() == 1
    assert not User.objects.get(email="ana.ortiz@riverbend.example").is_active


def test_a_person_whose_group_comes_back_is_switched_on_at_the_next_sign_in(client, world, directory):
    _sign_in(client, "ana.ortiz@riverbend.example", "desk-password-1")
    connection = _as_admin(directory)
    connection.modify_s(DESK_GROUP, [(ldap.MOD_DELETE, "member", [ANA_DN.encode()])])
    directory_check_leavers()
    connection.modify_s(DESK_GROUP, [(ldap.MOD_ADD, "member", [ANA_DN.encode()])])

    response = _sign_in(client.__class__(), "ana.ortiz@riverbend.example", "desk-password-1")

    assert response.status_code == 302
    ana = User.objects.get(email="ana.ortiz@riverbend.example")
    assert ana.is_active
    assert ana.role_assignments.count() == 1


def test_the_mapping_of_a_directory_group_applies_at_the_next_sign_in(client, world, directory):
    from patroncare.sso.models import RoleMapping

    _sign_in(client, "ben.cole@riverbend.example", "desk-password-2")
    assert not User.objects.filter(email="ben.cole@riverbend.example").exists()
    RoleMapping.objects.create(
        library_system=world.system, source=Source.LDAP, group="facilities", role=Role.SECURITY
    )

    response = _sign_in(client, "ben.cole@riverbend.example", "desk-password-2")

    assert response.status_code == 302
    ben = User.objects.get(email="ben.cole@riverbend.example")
    assert list(ben.role_assignments.values_list("role", "branch_id")) == [(Role.SECURITY, None)]


def test_the_directory_steps_aside_when_not_configured(client, world, settings):
    settings.AUTH_LDAP_SERVER_URI = ""
    local = User.objects.create_user(
        "local@riverside.example", "local-password-123", full_name="Local", library_system=world.system
    )

    response = _sign_in(client, "local@riverside.example", "local-password-123")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == local.pk
    assert directory_check_leavers() == 0
