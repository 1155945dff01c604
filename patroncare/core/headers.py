"""Response headers that keep what PatronCare shows on the screen that showed it."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

# No page of PatronCare needs these; a page that is injected into should not get them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivateResponseMiddleware:
    """Every response Django builds is kept out of the browser's cache (`no-store`).

    Case files, check-ins, letters and a patron's status page must not come back from the cache of a
    shared desk or library computer after sign-out. Static assets are served by WhiteNoise before this
    runs and stay cacheable; a view that marks its response `public` on purpose keeps its own header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if "public" not in cache_control and "no-store" not in cache_control:
            add_never_cache_headers(response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def set_language_cookie(response, language: str) -> None:
    """The language cookie with the attributes the settings give it (Secure and HttpOnly in production)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
