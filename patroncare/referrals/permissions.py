"""Every member of staff finds help and records a referral at their branch; supervisors and administrators
keep the directory; administrators import, export and set the crisis line."""

from patroncare.accounts.permissions import (
    STAFF_ROLES,
    branch_ids_for,
    has_any_role,
    has_role_at_branch,
    is_administrator,
)
from patroncare.accounts.roles import OVERSIGHT


def can_find_help(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def can_record_referral(user, branch_id: int) -> bool:
    return has_role_at_branch(user, STAFF_ROLES, branch_id)


def referral_branch_ids(user) -> set[int] | None:
    """The branches a person may record referrals for (None: every branch of their system)."""
    return branch_ids_for(user, STAFF_ROLES)


def can_manage_directory(user) -> bool:
    return has_any_role(user, OVERSIGHT)


def can_verify(user, resource) -> bool:
    return can_manage_directory(user) or (resource.owner_id is not None and resource.owner_id == user.pk)


def can_exchange_directory(user) -> bool:
    """Import and export the directory (HSDS), and set the crisis line."""
    return is_administrator(user)
