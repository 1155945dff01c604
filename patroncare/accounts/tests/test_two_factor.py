"""The second factor can only be added, moved or removed by someone who already holds it."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from patroncare.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "accounts:two_factor_setup"
DISABLE = "accounts:two_factor_disable"


def code_for_key(bin_key: bytes) -> str:
    return f"{TOTP(bin_key).token():06d}"


def current_code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def shown_secret(response) -> str:
    return re.search(r'id="totp-secret">([A-Z2-7 ]+)<', response.content.decode()).group(1)


def secret_to_key(secret: str) -> bytes:
    from base64 import b32decode

    compact = secret.replace(" ", "")
    return b32decode(compact + "=" * (-len(compact) % 8))


def devices_of(user) -> list[tuple]:
    return list(TOTPDevice.objects.filter(user=user).order_by("pk").values_list("pk", "key", "confirmed"))


# --- Setting up or replacing a device ------------------------------------------------------------------


def test_a_password_only_session_cannot_replace_the_owners_device(client, world):
    owner = world.users["supervisor"]
    device = TOTPDeviceFactory(user=owner)
    before = devices_of(owner)
    client.force_login(owner)  # the password alone, no code
    client.get(reverse(SETUP))
    answers = [
        client.post(reverse(SETUP), {"code": current_code(candidate)})
        for candidate in TOTPDevice.objects.filter(user=owner)
    ]
    assert devices_of(owner) == before == [(device.pk, device.key, True)]
    assert {(answer.status_code, answer.url.split("?")[0]) for answer in answers} == {
        (302, reverse("accounts:two_factor_verify"))
    }
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(reverse("core:desk")).url.startswith(reverse("accounts:two_factor_verify"))


def test_a_password_only_session_opening_setup_is_sent_to_the_verify_step(client, world):
    owner = world.users["supervisor"]
    TOTPDeviceFactory(user=owner)
    client.force_login(owner)
    response = client.get(reverse(SETUP))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:two_factor_verify')}?next=%2Faccount%2Ftwo-factor%2Fsetup%2F"
    assert TOTPDevice.objects.filter(user=owner).count() == 1


def test_the_service_refuses_a_new_device_to_an_unverified_holder_of_a_device(world):
    from django.core.exceptions import PermissionDenied

    from patroncare.accounts import services

    owner = world.users["supervisor"]
    TOTPDeviceFactory(user=owner)
    key = "ab" * 20
    with pytest.raises(PermissionDenied):
        services.two_factor_device_confirm(user=owner, key=key, token=code_for_key(bytes.fromhex(key)))
    assert TOTPDevice.objects.filter(user=owner).count() == 1


def test_viewing_setup_twice_writes_no_device_and_shows_the_same_secret(client, world):
    user = world.users["frontline"]
    client.force_login(user)
    before = TOTPDevice.objects.count()
    first = client.get(reverse(SETUP))
    second = client.get(reverse(SETUP))
    assert (first.status_code, second.status_code) == (200, 200)
    assert TOTPDevice.objects.count() == before
    assert shown_secret(first) == shown_secret(second)
    assert first.content.decode().count("<svg") == second.content.decode().count("<svg") >= 1


def test_a_first_device_is_set_up_without_a_code_and_the_person_is_emailed_in_their_language(
    client, world, django_capture_on_commit_callbacks
):
    user = UserFactory(
        library_system=world.system, roles=[(Role.FRONTLINE, world.branch)], preferred_language="es"
    )
    client.force_login(user)
    page = client.get(reverse(SETUP))
    key = secret_to_key(shown_secret(page))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(SETUP), {"code": code_for_key(key)})
    assert response.status_code == 302 and response.url == reverse("core:desk")
    device = TOTPDevice.objects.get(user=user)
    assert (device.bin_key, device.confirmed) == (key, True)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert [message.to for message in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Cambio en el inicio de sesión en dos pasos de su cuenta de PatronCare"
    assert "Se agregó" in mail.outbox[0].body


def test_a_verified_session_moves_two_factor_to_a_new_phone(
    signed_in, world, django_capture_on_commit_callbacks
):
    owner = world.users["supervisor"]
    old = TOTPDeviceFactory(user=owner)
    client = signed_in(owner)
    page = client.get(reverse(SETUP))
    assert page.status_code == 200
    key = secret_to_key(shown_secret(page))
    assert devices_of(owner) == [(old.pk, old.key, True)]  # the old phone works until the new one is proven
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(SETUP), {"code": code_for_key(key)})
    assert response.status_code == 302
    new = TOTPDevice.objects.get(user=owner)
    assert new.pk != old.pk and new.bin_key == key and new.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == new.persistent_id
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "moved to a new authenticator app" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action=AuditAction.SECURITY, actor=owner).count() == 1


def test_a_wrong_code_at_setup_keeps_the_secret_and_writes_nothing(client, world):
    user = world.users["frontline"]
    client.force_login(user)
    secret = shown_secret(client.get(reverse(SETUP)))
    wrong = "000000" if code_for_key(secret_to_key(secret)) != "000000" else "111111"
    response = client.post(reverse(SETUP), {"code": wrong})
    assert response.status_code == 400
    assert shown_secret(response) == secret
    assert 'aria-invalid="true"' in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).count() == 0


# --- Turning two-factor sign-in off --------------------------------------------------------------------


def test_a_password_only_session_cannot_turn_two_factor_off(client, world):
    owner = world.users["supervisor"]
    device = TOTPDeviceFactory(user=owner)
    client.force_login(owner)
    response = client.post(reverse(DISABLE), {"code": current_code(device)})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_verify"))
    assert devices_of(owner) == [(device.pk, device.key, True)]


def test_turning_off_without_a_code_is_refused_and_changes_nothing(signed_in, world):
    owner = world.users["supervisor"]
    device = TOTPDeviceFactory(user=owner)
    client = signed_in(owner)
    response = client.post(reverse(DISABLE), {})
    assert response.status_code == 400
    assert devices_of(owner) == [(device.pk, device.key, True)]
    assert not AuditEvent.objects.filter(action=AuditAction.SECURITY).exists()


def test_turning_off_with_a_wrong_code_is_refused_in_the_users_language(signed_in, world):
    owner = world.users["supervisor"]
    device = TOTPDeviceFactory(user=owner)
    client = signed_in(owner)
    client.cookies["django_language"] = "es"
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(reverse(DISABLE), {"disable-code": wrong})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ese código no es correcto o ya venció." in body
    assert 'id="id_disable-code_error"' in body  # the error is tied to the code field
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).count() == 1


def test_turning_off_with_the_current_code_removes_the_device_and_emails(
    signed_in, world, django_capture_on_commit_callbacks
):
    owner = world.users["supervisor"]
    device = TOTPDeviceFactory(user=owner)
    client = signed_in(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(DISABLE), {"disable-code": current_code(device)})
    assert response.status_code == 302 and response.url == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "turned off" in mail.outbox[0].body


def test_the_account_page_asks_for_a_code_next_to_the_turn_off_button(signed_in, world):
    owner = world.users["supervisor"]
    TOTPDeviceFactory(user=owner)
    body = signed_in(owner).get(reverse("accounts:account")).content.decode()
    assert '<label for="id_disable-code"' in body
    assert "Turn off two-factor sign-in" in body


def test_role_required_two_factor_still_cannot_be_turned_off_even_with_a_code(signed_in, world):
    admin = world.users["administrator"]
    client = signed_in(admin)
    device = admin.totpdevice_set.get()
    client.post(reverse(DISABLE), {"disable-code": current_code(device)})
    assert admin.totpdevice_set.filter(confirmed=True).count() == 1


# --- A lost device, reset by another administrator -----------------------------------------------------


def reset_url(member):
    return reverse("accounts:staff_two_factor_reset", args=[member.pk])


def test_another_administrator_resets_a_lost_device_audited_and_emailed(
    signed_in, world, django_capture_on_commit_callbacks
):
    member = UserFactory(
        library_system=world.system, roles=[(Role.SUPERVISOR, world.branch)], preferred_language="es"
    )
    TOTPDeviceFactory(user=member)
    admin = world.users["administrator"]
    client = signed_in(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reset_url(member))
    assert response.status_code == 302 and response.url == reverse("accounts:staff_edit", args=[member.pk])
    assert not TOTPDevice.objects.filter(user=member).exists()
    event = AuditEvent.objects.get(action=AuditAction.SECURITY, object_id=str(member.pk))
    assert (event.actor, event.library_system_id) == (admin, world.system.pk)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert "Un administrador" in mail.outbox[0].body


def test_an_administrator_cannot_reset_their_own_device(signed_in, world):
    admin = world.users["administrator"]
    client = signed_in(admin)
    device = admin.totpdevice_set.get()
    response = client.post(reset_url(admin))
    assert response.status_code == 403
    assert devices_of(admin) == [(device.pk, device.key, True)]


def test_an_administrator_of_another_system_gets_404_and_nothing_changes(signed_in, world):
    member = world.users["supervisor"]
    device = TOTPDeviceFactory(user=member)
    client = signed_in(world.users["other_system_admin"])
    response = client.post(reset_url(member))
    assert response.status_code == 404
    assert devices_of(member) == [(device.pk, device.key, True)]
    assert not AuditEvent.objects.filter(action=AuditAction.SECURITY).exists()


def test_staff_other_than_administrators_cannot_reset_and_nothing_changes(signed_in, world):
    member = world.users["frontline"]
    device = TOTPDeviceFactory(user=member)
    response = signed_in(world.users["supervisor"]).post(reset_url(member))
    assert response.status_code == 403
    assert devices_of(member) == [(device.pk, device.key, True)]


def test_the_reset_is_a_post_only_action(signed_in, world):
    member = world.users["supervisor"]
    TOTPDeviceFactory(user=member)
    response = signed_in(world.users["administrator"]).get(reset_url(member))
    assert response.status_code == 405
    assert TOTPDevice.objects.filter(user=member).count() == 1


def test_the_staff_page_offers_the_reset_with_a_warning_but_not_on_ones_own_page(signed_in, world):
    member = world.users["supervisor"]
    TOTPDeviceFactory(user=member)
    admin = world.users["administrator"]
    client = signed_in(admin)
    body = client.get(reverse("accounts:staff_edit", args=[member.pk])).content.decode()
    assert f'action="{reset_url(member)}"' in body
    assert "Only do this after checking that the request really comes from this person" in body
    own = client.get(reverse("accounts:staff_edit", args=[admin.pk])).content.decode()
    assert f'action="{reset_url(admin)}"' not in own


def test_after_a_reset_an_administrator_must_set_up_a_new_device_at_next_sign_in(client, world):
    other_admin = UserFactory(library_system=world.system, roles=[(Role.ADMINISTRATOR, None)])
    TOTPDeviceFactory(user=other_admin)
    from patroncare.conftest import sign_in

    sign_in(client, world.users["administrator"]).post(reset_url(other_admin))
    client.logout()
    client.force_login(other_admin)
    response = client.get(reverse("core:desk"))
    assert response.status_code == 302 and response.url == reverse(SETUP)
    assert client.get(reverse(SETUP)).status_code == 200


# --- What an unverified session may reach --------------------------------------------------------------


def test_uploads_are_not_reachable_before_the_second_factor(client, world):
    owner = world.users["supervisor"]
    TOTPDeviceFactory(user=owner)
    client.force_login(owner)
    response = client.get("/media/anything.pdf")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_verify"))


def test_the_verify_step_and_sign_out_stay_reachable_before_the_second_factor(client, world):
    owner = world.users["supervisor"]
    TOTPDeviceFactory(user=owner)
    client.force_login(owner)
    assert client.get(reverse("accounts:two_factor_verify")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
