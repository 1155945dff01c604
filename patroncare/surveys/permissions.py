"""Administrators run rounds; the staff a round goes to answer it; supervisors and administrators read
results (never below the group threshold)."""

from patroncare.accounts.permissions import STAFF_ROLES, has_any_role, has_role_at_branch, is_administrator
from patroncare.accounts.roles import OVERSIGHT


def can_run_surveys(user) -> bool:
    return is_administrator(user)


def can_read_results(user) -> bool:
    return has_any_role(user, OVERSIGHT)


def can_see_surveys(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def is_asked(user, round_, branch_ids: list[int]) -> bool:
    """The round goes to one of the person's roles at one of its branches."""
    return any(
        has_role_at_branch(user, [role], branch_id) for role in round_.role_codes for branch_id in branch_ids
    )
