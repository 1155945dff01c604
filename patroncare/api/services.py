"""Every write of the API app: creating, revoking and recording the use of personal tokens."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.access import refuse_unless

from . import events
from .models import ApiToken, Scope
from .permissions import can_hold_tokens, can_revoke_token
from .selectors import TOKEN_PREFIX, hash_key

LIFETIMES = (30, 90, 365)  # days a token may be given, the longest a year
# The last use is written at most once a minute per token, so a busy integration does not write every call.
LAST_USE_PRECISION = timedelta(minutes=1)


@transaction.atomic
def token_create(*, actor, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `actor`; returns it and its secret, which is shown once and never stored."""
    refuse_unless(can_hold_tokens(actor), _("Only staff of a library system may hold API tokens."))
    refuse_unless(scope in Scope.values, _("Choose read only, or read and write."))
    refuse_unless(days in LIFETIMES, _("Choose how long the token lasts: 30, 90 or 365 days."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        system_id=actor.library_system_id,
        user=actor,
        name=name.strip(),
        prefix=key[:10],
        key_hash=hash_key(key),
        scope=scope,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    events.token_created(actor=actor, token=token)
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    refuse_unless(can_revoke_token(actor, token), _("You may not revoke this token."))
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.full_clean()
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at, revoked_by=actor)
    events.token_revoked(actor=actor, token=token)
    return token


def token_record_use(*, token: ApiToken, method: str, route: str) -> None:
    """Every call made with a token is in the audit trail; its last use is kept to the minute."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    events.token_used(token=token, method=method, route=route)
