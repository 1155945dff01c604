"""The provider's client secret: from the environment when the deployment sets it, else stored encrypted.

The stored form is Fernet (AES-128-CBC with HMAC-SHA-256) under a key derived from the server key, so a copy
of the database alone does not give the secret away. PATRONCARE_SSO_KEY, when set, is used instead of the
server key, so rotating DJANGO_SECRET_KEY does not lose the secrets.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    material = os.environ.get("PATRONCARE_SSO_KEY") or settings.SECRET_KEY
    key = hashlib.sha256(f"patroncare.sso.client-secret:{material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode() if secret else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def environment_variable(system) -> str:
    """PATRONCARE_OIDC_SECRET_<SHORT NAME>, e.g. PATRONCARE_OIDC_SECRET_RIVERBEND."""
    return "PATRONCARE_OIDC_SECRET_" + system.slug.upper().replace("-", "_")


def client_secret(provider) -> str:
    return os.environ.get(environment_variable(provider.library_system)) or decrypt(
        provider.client_secret_encrypted
    )


def secret_from_environment(system) -> bool:
    return bool(os.environ.get(environment_variable(system)))
