from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .permissions import requires_two_factor

# Paths a signed-in user may reach before completing the second factor.
_EXEMPT_PREFIXES = ("/account/two-factor/", "/account/sign-out/", "/static/", "/health/", "/i18n/", "/media/")


class TwoFactorRequiredMiddleware:
    """Send a signed-in user to the one-time-code step when they have a device or their role needs one.

    Administrators must enrol before they can use anything; others enrol by choice on their account page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path.startswith(_EXEMPT_PREFIXES):
            if user_has_device(user, confirmed=True):
                return redirect(
                    f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}"
                )
            if requires_two_factor(user):
                return redirect("accounts:two_factor_setup")
        return self.get_response(request)
