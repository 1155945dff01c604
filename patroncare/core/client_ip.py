"""The address of the person at the other end, the same everywhere: rate limits, lockout and the audit trail.

Behind the documented HTTPS proxy every request comes from the proxy's address; the person's address is in
X-Forwarded-For, which each proxy extends with the address it received the request from. Only the hops
added by the proxies we run can be believed, so the address is read that many places from the right, and
only when `PATRONCARE_TRUSTED_PROXIES` says how many there are (0, the default, believes none).
"""

import ipaddress

from django.conf import settings

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder for a request without any address, never bound


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.PATRONCARE_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        # Fewer hops than proxies: the request did not come through all of them; trust only the socket.
        if len(hops) >= proxies:
            return _valid(hops[-proxies]) or remote
    return remote


def client_ip_for_limits(request) -> str:
    """For django-ratelimit and django-axes, which need a string even when there is no address."""
    return client_ip(request) or UNKNOWN_ADDRESS
