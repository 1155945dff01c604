"""`Authorization: Bearer pc_…`: a personal token acts as its holder, with their roles and no more."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import selectors, services


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”, with no spaces in it."))
        try:
            key = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("That token is not valid.")) from error
        token = selectors.token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("That token is not valid, has expired or was revoked."))
        match = getattr(request._request, "resolver_match", None)
        services.token_record_use(
            token=token, method=request.method, route=(match.view_name if match else "")[:80]
        )
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token, pc_…, from the account page.",
        }
