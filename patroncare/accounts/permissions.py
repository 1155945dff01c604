"""Who may do what. Plain predicates over the user's roles, read once per request and cached on the user.

A role held with no branch covers every branch of the user's library system.
"""

from collections.abc import Iterable

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles
from .models import Role, RoleAssignment

SYSTEM_WIDE = None
STAFF_ROLES = roles.STAFF
HANDLING_ROLES = roles.OVERSIGHT


def role_scopes(user) -> dict[str, set[int | None]]:
    """{role: {branch ids, or None for the whole system}} for an active user of a library system."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.library_system_id:
        return {}
    cached = getattr(user, "_role_scopes", None)
    if cached is None:
        cached = {}
        for role, branch_id in (
            RoleAssignment.objects.filter(user=user).order_by().values_list("role", "branch_id")
        ):
            cached.setdefault(role, set()).add(branch_id)
        user._role_scopes = cached
    return cached


def prime_role_scopes(users) -> None:
    """Read the roles of many people in one query, so that checking each of them asks nothing more."""
    by_user = {user.pk: user for user in users}
    scopes: dict[int, dict[str, set[int | None]]] = {pk: {} for pk in by_user}
    rows = (
        RoleAssignment.objects.filter(user_id__in=by_user)
        .order_by()
        .values_list("user_id", "role", "branch_id")
    )
    for user_id, role, branch_id in rows:
        scopes[user_id].setdefault(role, set()).add(branch_id)
    for pk, user in by_user.items():
        user._role_scopes = scopes[pk]


def is_director(user, system=None) -> bool:
    """True for the active director of the user's library system (or of `system`, when given)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    system = system or getattr(user, "library_system", None)
    return bool(system and user.library_system_id == system.pk and system.director_id == user.pk)


def forget_roles(user) -> None:
    user.__dict__.pop("_role_scopes", None)


def has_any_role(user, roles: Iterable[str]) -> bool:
    scopes = role_scopes(user)
    return any(role in scopes for role in roles)


def has_role_at_branch(user, roles: Iterable[str], branch_id: int | None) -> bool:
    """True when the user holds one of `roles` for that branch or for the whole system."""
    scopes = role_scopes(user)
    return any(SYSTEM_WIDE in scopes.get(role, ()) or branch_id in scopes.get(role, ()) for role in roles)


def has_system_wide_role(user, roles: Iterable[str]) -> bool:
    scopes = role_scopes(user)
    return any(SYSTEM_WIDE in scopes.get(role, ()) for role in roles)


def branch_ids_for(user, roles: Iterable[str]) -> set[int] | None:
    """Branch ids where the user holds one of `roles`; None means every branch of the system."""
    scopes = role_scopes(user)
    ids: set[int] = set()
    for role in roles:
        branch_ids = scopes.get(role, set())
        if SYSTEM_WIDE in branch_ids:
            return None
        ids |= branch_ids
    return ids


def is_administrator(user) -> bool:
    return has_any_role(user, [Role.ADMINISTRATOR])


def requires_two_factor(user) -> bool:
    return is_administrator(user)


def can_configure_library(user) -> bool:
    return is_administrator(user)


def can_manage_staff(user) -> bool:
    return is_administrator(user)


def can_view_audit_trail(user) -> bool:
    return is_administrator(user)


def is_staff_member(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def is_two_factor_verified(user) -> bool:
    """True when this sign-in passed the second factor (django-otp's middleware marks request.user)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_two_factor_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def can_change_two_factor_device(user) -> bool:
    """Add or replace the second factor: a sign-in verified with the current device, or no device at all.

    Otherwise the password alone would be enough to swap the owner's phone for an attacker's.
    """
    return is_two_factor_verified(user) or not has_two_factor_device(user)


def can_turn_off_two_factor(user) -> bool:
    return not requires_two_factor(user) and is_two_factor_verified(user)


def can_reset_two_factor_of(actor, member) -> bool:
    """Another administrator of the same library system, never oneself: a lost phone is not self-service."""
    return (
        can_manage_staff(actor)
        and is_two_factor_verified(actor)
        and actor.pk != member.pk
        and actor.library_system_id == member.library_system_id
    )
