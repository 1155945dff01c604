"""The OpenID Connect authorisation-code flow with PKCE, through Authlib, for one library system's provider.

Authlib is used rather than mozilla-django-oidc because each library system has its own provider, read from
the database at sign-in: mozilla-django-oidc takes one provider from the settings, while Authlib's client
takes the issuer's discovered endpoints, the client id and secret as arguments and validates the ID token
(signature against the provider's published keys, issuer, audience, nonce, expiry) with its own JOSE code.
django-allauth would bring its own account pages, e-mail flows and tables beside ours.
"""

import secrets as random_secrets

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.jose.errors import ExpiredTokenError, JoseError
from authlib.oidc.core import CodeIDToken
from django.utils.translation import gettext as _

from . import secrets
from .models import Source
from .services import Person, SignInRefused, sign_in_refused

SCOPES = "openid email profile"
TIMEOUT = 5  # seconds: a provider that does not answer in time is reported as down
LEEWAY = 60  # seconds of clock difference accepted between the provider and us
# RFC 8176 methods that prove a second factor: "mfa" itself, a one-time code, a hardware key, a text message.
SECOND_FACTOR_METHODS = frozenset({"mfa", "otp", "hwk", "sms", "swk"})
SESSION_KEY = "sso_oidc_pending"


def _refuse(provider, reason: str, message) -> None:
    sign_in_refused(system=provider.library_system, source=Source.OIDC, reason=reason)
    raise SignInRefused(message, reason=reason)


def _provider_down(provider):
    _refuse(
        provider,
        "provider_unreachable",
        _(
            "The sign-in service of your library (%(name)s) does not answer. Try again in a few minutes, "
            "or sign in with your PatronCare e-mail address and password if you have one."
        )
        % {"name": provider.name},
    )


def discover(provider) -> dict:
    url = f"{provider.issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError):
        _provider_down(provider)
    if metadata.get("issuer", "").rstrip("/") != provider.issuer:
        _refuse(
            provider,
            "issuer_mismatch",
            _(
                "The sign-in service answered for another issuer. "
                "Ask your library's administrator to check it."
            ),
        )
    return metadata


def _session(provider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=provider.client_id,
        client_secret=secrets.client_secret(provider),
        scope=SCOPES,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def authorization_url(*, provider, redirect_uri: str, session, next_url: str) -> str:
    """Where to send the browser; what the callback must find again is kept in the Django session."""
    metadata = discover(provider)
    nonce = generate_token(32)
    verifier = random_secrets.token_urlsafe(64)
    url, state = _session(provider, redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], nonce=nonce, code_verifier=verifier
    )
    session[SESSION_KEY] = {
        "system": provider.library_system_id,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
    }
    return url


def complete(*, provider, redirect_uri: str, session, query) -> tuple[Person, bool, str]:
    """Check the provider's answer and return who signed in, whether with a second factor, and `next`."""
    pending = session.pop(SESSION_KEY, None)
    if not pending or pending.get("system") != provider.library_system_id or not query.get("state"):
        _refuse(
            provider,
            "state",
            _(
                "This sign-in was started elsewhere or has already been used. "
                "Start again from the sign-in page."
            ),
        )
    if not random_secrets.compare_digest(str(query.get("state")), str(pending["state"])):
        _refuse(provider, "state", _("This sign-in does not match the one started here. Start again."))
    if query.get("error"):
        _refuse(
            provider,
            "provider_error",
            _(
                "The sign-in service of your library did not let you in (%(error)s). "
                "Try again or ask your administrator."
            )
            % {"error": str(query.get("error"))[:60]},
        )
    metadata = discover(provider)
    try:
        token = _session(provider, redirect_uri).fetch_token(
            metadata["token_endpoint"],
            code=query.get("code", ""),
            code_verifier=pending["verifier"],
            grant_type="authorization_code",
            timeout=TIMEOUT,
        )
    except OAuthError as error:
        if error.error in {"invalid_client", "unauthorized_client"}:
            _refuse(
                provider,
                "invalid_client",
                _(
                    "The sign-in service refused PatronCare's client ID or secret. Ask your library's "
                    "administrator to check them in the single sign-on settings."
                ),
            )
        _refuse(
            provider,
            "token_refused",
            _("The sign-in service refused to finish this sign-in. Start again from the sign-in page."),
        )
    except requests.RequestException:
        _provider_down(provider)
    claims = _id_token_claims(provider, metadata, token, pending["nonce"])
    person = _person(provider, claims)
    methods = {str(method).lower() for method in claims.get("amr") or []}
    return person, bool(methods & SECOND_FACTOR_METHODS), pending.get("next") or ""


def _id_token_claims(provider, metadata, token, nonce) -> dict:
    try:
        keys = requests.get(metadata["jwks_uri"], timeout=TIMEOUT).json()
    except (requests.RequestException, ValueError):
        _provider_down(provider)
    try:
        claims = jwt.decode(
            token.get("id_token", ""),
            JsonWebKey.import_key_set(keys),
            claims_cls=CodeIDToken,
            claims_options={
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": provider.client_id},
            },
            claims_params={"nonce": nonce, "client_id": provider.client_id},
        )
        claims.validate(leeway=LEEWAY)
    except ExpiredTokenError:
        _refuse(
            provider,
            "token_expired",
            _(
                "The sign-in service sent an expired proof of sign-in. Check that this computer's clock is "
                "right, then start again; if it happens again, tell your library's administrator."
            ),
        )
    except (JoseError, ValueError, TypeError):
        _refuse(
            provider,
            "token_invalid",
            _(
                "The proof of sign-in from the sign-in service could not be checked. "
                "Start again from the sign-in page."
            ),
        )
    return dict(claims)


def _person(provider, claims) -> Person:
    email = str(claims.get("email") or "").strip().lower()
    domain = email.rpartition("@")[2]
    if not email or claims.get("email_verified") is False:
        _refuse(
            provider,
            "no_email",
            _(
                "The sign-in service did not give a confirmed e-mail address. "
                "Ask your library's administrator."
            ),
        )
    if domain not in provider.domains:
        _refuse(
            provider,
            "domain",
            _("Addresses at %(domain)s may not sign in to this library system's PatronCare.")
            % {"domain": domain},
        )
    groups = claims.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    roles = claims.get("roles") or []  # Entra ID app roles
    return Person(
        source=Source.OIDC,
        subject=str(claims["sub"]),
        email=email,
        full_name=str(claims.get("name") or ""),
        groups=tuple(str(group) for group in [*groups, *roles]),
    )
