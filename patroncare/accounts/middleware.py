from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .permissions import requires_two_factor

# What a signed-in user may reach before completing the second factor. Kept as short as possible: every
# other page, uploads included, is behind the code (the setup page only for someone with no device yet).
_OPEN_PREFIXES = ("/static/", "/health/", "/i18n/")
_OPEN_URL_NAMES = ("accounts:two_factor_verify", "accounts:logout")


class TwoFactorRequiredMiddleware:
    """Send a signed-in user to the one-time-code step when they have a device or their role needs one.

    Administrators must enrol before they can use anything; others enrol by choice on their account page.
    Someone who has a device must enter its code before they may set up another one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._always_open(request.path):
            if user_has_device(user, confirmed=True):
                return redirect(
                    f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}"
                )
            if requires_two_factor(user) and request.path != reverse("accounts:two_factor_setup"):
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def _always_open(path: str) -> bool:
        return path.startswith(_OPEN_PREFIXES) or path in {reverse(name) for name in _OPEN_URL_NAMES}
