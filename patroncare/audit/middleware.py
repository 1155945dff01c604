from django.conf import settings

from .context import RequestOrigin, reset_origin, set_origin


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address a trusted proxy put in X-Forwarded-For when one is configured."""
    proxies = getattr(settings, "PATRONCARE_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = RequestOrigin(client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:300])
        token = set_origin(origin)
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)
