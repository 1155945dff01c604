from patroncare.core.client_ip import client_ip

from .context import RequestOrigin, reset_origin, set_origin


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
