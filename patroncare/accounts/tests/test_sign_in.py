import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from patroncare.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def current_code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def sign_in_form(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_staff_sign_in_with_email_and_land_on_the_desk(client, world):
    user = world.users["frontline"]
    response = sign_in_form(client, user.email.upper())
    assert response.status_code == 302 and response.url == reverse("core:desk")
    assert client.get(reverse("core:desk")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).count() == 1


def test_a_wrong_password_gets_a_clear_message_and_is_audited(client, world):
    user = world.users["frontline"]
    response = sign_in_form(client, user.email, "wrong-password")
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (event.actor_label, event.library_system_id, event.ip_address) == (
        user.email,
        world.system.pk,
        "127.0.0.1",
    )


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(client, world):
    user = world.users["frontline"]
    for _attempt in range(5):
        sign_in_form(client, user.email, "wrong-password")
    response = sign_in_form(client, user.email)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failed_sign_ins_do_not_lock(client, world):
    user = world.users["frontline"]
    for _attempt in range(4):
        sign_in_form(client, user.email, "wrong-password")
    assert sign_in_form(client, user.email).status_code == 302


def test_administrator_without_a_device_must_set_up_two_factor_first(client, world):
    admin = UserFactory(library_system=world.system, roles=[(Role.ADMINISTRATOR, None)])
    sign_in_form(client, admin.email)
    response = client.get(reverse("libraries:system"))
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor_setup")


def test_administrator_enrols_a_device_with_a_correct_code(client, world):
    admin = UserFactory(library_system=world.system, roles=[(Role.ADMINISTRATOR, None)])
    sign_in_form(client, admin.email)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "<svg" in page.content.decode()
    # The secret waits in the session until a code proves it; no device exists before that.
    device = TOTPDevice(user=admin, key=client.session["two_factor_setup_key"])
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert client.post(reverse("accounts:two_factor_setup"), {"code": wrong}).status_code == 400
    response = client.post(reverse("accounts:two_factor_setup"), {"code": current_code(device)})
    assert response.status_code == 302
    assert admin.totpdevice_set.get().confirmed is True
    assert client.get(reverse("libraries:system")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SECURITY, actor=admin).count() == 1


def test_a_user_with_a_device_must_enter_a_code_after_the_password(client, world):
    user = world.users["supervisor"]
    device = TOTPDeviceFactory(user=user)
    sign_in_form(client, user.email)
    response = client.get(reverse("core:desk"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_verify"))
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "12345x", "next": "/desk/"})
    assert wrong.status_code == 400
    right = client.post(
        reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "/desk/"}
    )
    assert right.status_code == 302 and right.url == "/desk/"
    assert client.get(reverse("core:desk")).status_code == 200


def test_verification_never_redirects_to_another_site(client, world):
    user = world.users["supervisor"]
    device = TOTPDeviceFactory(user=user)
    sign_in_form(client, user.email)
    response = client.post(
        reverse("accounts:two_factor_verify"), {"code": current_code(device), "next": "https://evil.example/"}
    )
    assert response.url == reverse("core:desk")


def test_administrator_cannot_turn_two_factor_off(signed_in, world):
    admin = world.users["administrator"]
    client = signed_in(admin)
    client.post(reverse("accounts:two_factor_disable"))
    assert admin.totpdevice_set.filter(confirmed=True).exists()


def test_password_reset_sends_a_working_link_through_the_task_engine(client, world):
    user = world.users["frontline"]
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password", "new_password2": "a-new-long-password"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, world):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def test_password_reset_mail_is_in_the_language_of_the_request(client, world):
    client.cookies["django_language"] = "es"
    client.post(reverse("accounts:password_reset"), {"email": world.users["frontline"].email})
    assert mail.outbox[0].subject == "Elija una nueva contraseña de PatronCare"


def test_sign_out_needs_a_post(signed_in, world):
    client = signed_in(world.users["frontline"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("core:desk")).status_code == 302


def test_profile_change_sets_the_language_and_keeps_input_on_error(signed_in, world):
    user = world.users["frontline"]
    client = signed_in(user)
    bad = client.post(reverse("accounts:account"), {"full_name": "", "preferred_language": "es"})
    assert bad.status_code == 400
    user.refresh_from_db()
    assert user.preferred_language == "en"
    client.post(
        reverse("accounts:account"), {"full_name": "Maria L.", "preferred_language": "es", "version": 1}
    )
    user.refresh_from_db()
    assert (user.full_name, user.preferred_language) == ("Maria L.", "es")
    assert client.cookies["django_language"].value == "es"


@pytest.mark.parametrize("length", [256, 320])
def test_an_overlong_sign_in_address_is_a_form_error_and_records_no_attempt(client, world, length):
    from axes.models import AccessAttempt

    email = "a" * (length - len("@example.org")) + "@example.org"
    response = client.post(reverse("accounts:login"), {"username": email, "password": "whatever-password"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "An e-mail address has at most 254 characters. Check what you typed."
    ]
    assert AccessAttempt.objects.count() == 0
