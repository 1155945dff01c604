"""Lockout per account with a growing delay, and failed sign-ins per address counted on their own."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from patroncare.accounts.lockout import cool_off
from patroncare.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def sign_in(client, email, password, *, address):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def behind_proxy(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    return settings


def test_guesses_from_many_addresses_still_lock_the_account(client, world, behind_proxy):
    user = world.users["frontline"]
    for n in range(5):
        sign_in(client, user.email, "wrong-password", address=f"203.0.113.{n + 1}")
    response = sign_in(client, user.email, PASSWORD, address="198.51.100.7")
    assert response.status_code == 429 and "Sign-in paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_password_tried_on_many_accounts_is_stopped_at_the_address(client, world, behind_proxy):
    behind_proxy.PATRONCARE_SIGN_IN_ADDRESS_RATE = "3/h"
    victims = [UserFactory(library_system=world.system) for _ in range(4)]
    statuses = [
        sign_in(client, victim.email, "Spring2026!", address="203.0.113.9").status_code for victim in victims
    ]
    assert statuses == [200, 200, 200, 429]
    refused = sign_in(client, world.users["frontline"].email, PASSWORD, address="203.0.113.9")
    assert refused.status_code == 429
    assert "Too many failed sign-ins have come from this network" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Nobody's account was locked by it, and a colleague at another address signs in.
    assert sign_in(client, victims[0].email, PASSWORD, address="198.51.100.7").status_code == 302


def test_the_address_limit_speaks_spanish(client, world, behind_proxy):
    behind_proxy.PATRONCARE_SIGN_IN_ADDRESS_RATE = "1/h"
    for _ in range(2):
        sign_in(client, "nobody@example.net", "x", address="203.0.113.9")
    client.cookies["django_language"] = "es"
    response = sign_in(client, "nobody@example.net", "x", address="203.0.113.9")
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()


def test_successful_sign_ins_behind_the_same_proxy_do_not_count_against_anyone(client, world, behind_proxy):
    behind_proxy.PATRONCARE_SIGN_IN_ADDRESS_RATE = "2/h"
    for _ in range(5):
        client.logout()
        assert (
            sign_in(client, world.users["frontline"].email, PASSWORD, address="203.0.113.9").status_code
            == 302
        )


def _cool_off_after(user, failures):
    AccessAttempt.objects.create(
        username=user.email, ip_address="203.0.113.1", user_agent="", failures_since_start=failures
    )
    request = RequestFactory().post("/", {"username": user.email})
    return cool_off(request)


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(0, 15), (5, 15), (9, 15), (10, 30), (15, 60), (20, 120), (500, 24 * 60)],
)
def test_each_further_round_of_guesses_doubles_the_lock_up_to_a_day(world, failures, minutes):
    assert _cool_off_after(world.users["frontline"], failures) == timedelta(minutes=minutes)


def test_guessing_on_while_locked_keeps_the_account_locked_longer(client, world, behind_proxy):
    user = world.users["frontline"]
    for n in range(10):
        sign_in(client, user.email, "wrong-password", address=f"203.0.113.{n + 1}")
    # Twenty minutes later the first lock (15 minutes) would be over; the second round made it 30.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=20))
    assert sign_in(client, user.email, PASSWORD, address="198.51.100.7").status_code == 429


def test_after_a_single_round_the_lock_ends_after_15_minutes(client, world, behind_proxy):
    user = world.users["frontline"]
    for n in range(5):
        sign_in(client, user.email, "wrong-password", address=f"203.0.113.{n + 1}")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert sign_in(client, user.email, PASSWORD, address="198.51.100.7").status_code == 302
