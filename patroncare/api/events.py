"""Audit events of the API: codes and token ids only, never the secret."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Scope

TOKEN_CREATED = define(
    "api.token_created",
    Action.SECURITY,
    _("API token #%(token)s created (%(scope)s, until %(expires)s)"),
    choices={"scope": Scope},
)
TOKEN_REVOKED = define("api.token_revoked", Action.SECURITY, _("API token #%(token)s revoked"))
TOKEN_USED = define("api.token_used", Action.VIEW, _("API token #%(token)s used: %(method)s %(route)s"))


def token_created(*, actor, token):
    audit_event(
        TOKEN_CREATED,
        actor=actor,
        obj=token,
        params={"token": token.pk, "scope": token.scope, "expires": token.expires_at.date()},
    )


def token_revoked(*, actor, token):
    audit_event(TOKEN_REVOKED, actor=actor, obj=token, params={"token": token.pk})


def token_used(*, token, method: str, route: str):
    audit_event(
        TOKEN_USED, actor=token.user, obj=token, params={"token": token.pk, "method": method, "route": route}
    )
