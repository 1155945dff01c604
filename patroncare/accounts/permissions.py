"""Who may do what. Plain predicates over the user's roles, read once per request and cached on the user.

A role held with no branch covers every branch of the user's library system.
"""

from collections.abc import Iterable

from .models import Role, RoleAssignment

SYSTEM_WIDE = None
STAFF_ROLES = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SECURITY, Role.TRAINER})
HANDLING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


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
