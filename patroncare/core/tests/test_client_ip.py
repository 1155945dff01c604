"""One reading of the person's address behind a configured number of proxies: limits, lockout, audit."""

import pytest
from django.test import RequestFactory

from patroncare.core.client_ip import client_ip, client_ip_for_limits

PROXY = "10.0.0.2"


def request_from(forwarded=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 0
    assert client_ip(request_from("203.0.113.5")) == PROXY


def test_behind_one_proxy_the_address_it_saw_is_the_person(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    assert client_ip(request_from("203.0.113.5")) == "203.0.113.5"


def test_an_address_the_person_made_up_is_not_believed(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    # The person sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the address it really saw.
    assert client_ip(request_from("6.6.6.6, 203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_second_hop_from_the_right_is_the_person(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 2
    assert client_ip(request_from("6.6.6.6, 203.0.113.5, 10.0.0.1")) == "203.0.113.5"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "203.0.113.5\x00"])
def test_a_missing_or_malformed_hop_falls_back_to_the_socket(settings, forwarded):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    assert client_ip(request_from(forwarded)) == PROXY


def test_fewer_hops_than_proxies_trusts_only_the_socket(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 2
    assert client_ip(request_from("203.0.113.5")) == PROXY


def test_ipv6_addresses_are_read_and_normalised(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 1
    assert client_ip(request_from("2001:DB8::1")) == "2001:db8::1"


def test_limits_always_get_a_string(settings):
    settings.PATRONCARE_TRUSTED_PROXIES = 0
    assert client_ip_for_limits(request_from(remote="")) == "0.0.0.0"  # noqa: S104


@pytest.mark.django_db
def test_the_audit_trail_records_the_person_behind_the_proxy(client, world, settings):
    from django.urls import reverse

    from patroncare.audit.models import AuditAction, AuditEvent

    settings.PATRONCARE_TRUSTED_PROXIES = 1
    client.post(
        reverse("accounts:login"),
        {"username": world.users["frontline"].email, "password": "wrong-password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).ip_address == "203.0.113.5"
