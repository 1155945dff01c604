"""Reads of API tokens: a person's own, or every token of the system for its administrators."""

import hashlib

from django.http import Http404
from django.utils import timezone

from .models import ApiToken
from .permissions import can_manage_all_tokens

TOKEN_PREFIX = "pc_"  # noqa: S105 (the marker every token starts with, not a secret)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def tokens_of(*, user):
    return ApiToken.objects.filter(user=user, system_id=user.library_system_id).order_by("-created_at", "-pk")


def tokens_of_system(*, user):
    if not can_manage_all_tokens(user):
        return ApiToken.objects.none()
    return (
        ApiToken.objects.filter(system_id=user.library_system_id)
        .select_related("user", "revoked_by")
        .order_by("-created_at", "-pk")
    )


def token_get_for(*, user, pk: int) -> ApiToken:
    tokens = tokens_of_system(user=user) if can_manage_all_tokens(user) else tokens_of(user=user)
    token = tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The usable token whose secret is `key` (None when unknown, revoked or expired)."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user", "system").filter(key_hash=hash_key(key)).first()
    if token is None or not token.is_usable(timezone.now()) or not token.user.is_active:
        return None
    if token.user.library_system_id != token.system_id:
        return None
    return token
