"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

STAFF_VIEWED = define("accounts.staff_viewed", Action.VIEW, _("Staff account opened"))
STAFF_CREATED = define("accounts.staff_created", Action.CREATE, _("Staff account created"))
STAFF_CHANGED = define("accounts.staff_changed", Action.UPDATE, _("Staff account changed"))
PROFILE_CHANGED = define("accounts.profile_changed", Action.UPDATE, _("Own profile changed"))
TWO_FACTOR_ENABLED = define("accounts.two_factor_enabled", Action.SECURITY, _("Two-factor sign-in enabled"))
TWO_FACTOR_REPLACED = define("accounts.two_factor_replaced", Action.SECURITY, _("Two-factor device replaced"))
TWO_FACTOR_DISABLED = define(
    "accounts.two_factor_disabled", Action.SECURITY, _("Two-factor sign-in disabled")
)
TWO_FACTOR_RESET = define(
    "accounts.two_factor_reset", Action.SECURITY, _("Two-factor device reset by an administrator")
)
SIGNED_IN = define("accounts.signed_in", Action.SIGN_IN, _("Signed in"))
SIGNED_OUT = define("accounts.signed_out", Action.SIGN_OUT, _("Signed out"))
SIGN_IN_FAILED = define(
    "accounts.sign_in_failed", Action.SIGN_IN_FAILED, _("Wrong e-mail or password, or account locked")
)


def staff_viewed(*, actor, member):
    return audit_event(STAFF_VIEWED, actor=actor, obj=member)


def staff_created(*, actor, user, roles):
    return audit_event(STAFF_CREATED, actor=actor, obj=user, changes={"roles": [None, sorted(roles)]})


def staff_changed(*, actor, user, changes):
    return audit_event(STAFF_CHANGED, actor=actor, obj=user, changes=changes)


def profile_changed(*, user, changes):
    return audit_event(PROFILE_CHANGED, actor=user, obj=user, changes=changes)


def two_factor_enabled(*, user, replaced: bool):
    if replaced:
        return audit_event(TWO_FACTOR_REPLACED, actor=user, obj=user)
    return audit_event(TWO_FACTOR_ENABLED, actor=user, obj=user)


def two_factor_replaced(*, user):
    return audit_event(TWO_FACTOR_REPLACED, actor=user, obj=user)


def two_factor_disabled(*, user):
    return audit_event(TWO_FACTOR_DISABLED, actor=user, obj=user)


def two_factor_reset(*, actor, user):
    return audit_event(TWO_FACTOR_RESET, actor=actor, obj=user)


def signed_in(*, user):
    return audit_event(SIGNED_IN, actor=user, obj=user)


def signed_out(*, user):
    return audit_event(SIGNED_OUT, actor=user, obj=user)


def sign_in_failed(*, attempted: str, library_system_id):
    return audit_event(SIGN_IN_FAILED, actor_label=attempted, library_system_id=library_system_id)
