"""Audit events of single sign-on: codes, roles and group names of the directory, never a person's name."""

from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Source

# Why a sign-in was refused, as the trail shows it.
REFUSAL_REASONS = {
    "no_role": _("no mapping gives a role"),
    "other_system": _("the address belongs to another library system"),
    "inactive": _("the account is switched off"),
    "provider_unreachable": _("the provider did not answer"),
    "issuer_mismatch": _("the provider answered for another issuer"),
    "state": _("the answer did not match a sign-in started here"),
    "provider_error": _("the provider refused the sign-in"),
    "invalid_client": _("wrong client ID or secret"),
    "token_refused": _("the provider refused the code"),
    "token_expired": _("expired ID token"),
    "token_invalid": _("ID token failed its checks"),
    "no_email": _("no confirmed e-mail address"),
    "domain": _("address outside the allowed domains"),
}

PROVIDER_SAVED = define("sso.provider_saved", Action.UPDATE, _("OpenID provider settings saved"))
PROVIDER_SECRET_CHANGED = define(
    "sso.provider_secret_changed", Action.SECURITY, _("OpenID provider client secret replaced")
)
MAPPING_ADDED = define(
    "sso.mapping_added",
    Action.CREATE,
    _("Role mapping added: %(source)s group %(group)s gives %(role)s"),
    choices={"source": Source, "role": Role},
)
MAPPING_REMOVED = define(
    "sso.mapping_removed",
    Action.DELETE,
    _("Role mapping removed: %(source)s group %(group)s gave %(role)s"),
    choices={"source": Source, "role": Role},
)
ACCOUNT_CREATED = define(
    "sso.account_created",
    Action.CREATE,
    _("Account created at first sign-in through %(source)s with %(roles)s"),
    choices={"source": Source},
)
ROLES_APPLIED = define(
    "sso.roles_applied",
    Action.SECURITY,
    _("Roles changed at sign-in through %(source)s: now %(roles)s"),
    choices={"source": Source},
)
SIGN_IN_REFUSED = define(
    "sso.sign_in_refused",
    Action.SECURITY,
    _("Sign-in through %(source)s refused: %(reason)s"),
    choices={"source": Source, "reason": REFUSAL_REASONS},
)
ACCESS_WITHDRAWN = define(
    "sso.access_withdrawn",
    Action.SECURITY,
    _("Access withdrawn: the directory no longer gives this account a role"),
)


def provider_saved(*, actor, provider, changes, secret_changed: bool) -> None:
    audit_event(PROVIDER_SAVED, actor=actor, obj=provider, changes=changes)
    if secret_changed:
        audit_event(PROVIDER_SECRET_CHANGED, actor=actor, obj=provider)


def mapping_added(*, actor, mapping) -> None:
    audit_event(MAPPING_ADDED, actor=actor, obj=mapping, params=_mapping_params(mapping))


def mapping_removed(*, actor, mapping) -> None:
    audit_event(MAPPING_REMOVED, actor=actor, obj=mapping, params=_mapping_params(mapping))


def account_created(*, user, source, roles: str) -> None:
    audit_event(ACCOUNT_CREATED, actor=user, obj=user, params={"source": source, "roles": roles})


def roles_applied(*, user, source, roles: str, changes) -> None:
    audit_event(
        ROLES_APPLIED, actor=user, obj=user, params={"source": source, "roles": roles}, changes=changes
    )


def sign_in_refused(*, system, source, reason: str) -> None:
    audit_event(SIGN_IN_REFUSED, library_system_id=system.pk, params={"source": source, "reason": reason})


def access_withdrawn(*, user) -> None:
    audit_event(ACCESS_WITHDRAWN, obj=user, library_system_id=user.library_system_id)


def _mapping_params(mapping) -> dict:
    params = {"source": mapping.source, "group": mapping.group, "role": mapping.role}
    if mapping.branch_id:
        params["branch_id"] = mapping.branch_id
    return params
