from django.utils.functional import SimpleLazyObject, empty

# The id of the account whose sign-in the provider reported as multi-factor (the `amr` claim).
PROVIDER_MFA_SESSION_KEY = "sso_provider_mfa_user"


class ProviderSecondFactorMiddleware:
    """A sign-in the provider did with a second factor counts as verified for django-otp.

    It sits after django-otp's middleware and before the one that asks for the code, so administrators whose
    provider reports multi-factor authentication are not asked for PatronCare's own code as well. The mark is
    tied to the account and lives in the session, which sign-out and a new sign-in replace.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        marked = getattr(request, "session", None) and request.session.get(PROVIDER_MFA_SESSION_KEY)
        if marked:
            lazy_user = request.user
            request.user = SimpleLazyObject(lambda: self._verified(lazy_user, marked))
        return self.get_response(request)

    @staticmethod
    def _verified(lazy_user, marked):
        user = lazy_user
        if isinstance(lazy_user, SimpleLazyObject):
            if lazy_user._wrapped is empty:
                lazy_user._setup()
            user = lazy_user._wrapped
        if getattr(user, "is_authenticated", False) and user.pk == marked:
            user.is_verified = lambda: True
        return user
