"""Who may do what with policies, exceptions, reviews and the Yes-O-Meter."""

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import STAFF_ROLES, has_any_role, has_role_at_branch, is_administrator

READER_ROLES = STAFF_ROLES | {Role.TRUSTEE}
RECORDING_ROLES = roles.CASE_HANDLERS
APPROVING_ROLES = roles.OVERSIGHT
MANAGING_ROLES = roles.OVERSIGHT
ACKNOWLEDGING_ROLES = STAFF_ROLES


def can_read_policies(user) -> bool:
    return has_any_role(user, READER_ROLES)


def can_edit_policies(user) -> bool:
    return is_administrator(user)


def can_record_exception(user) -> bool:
    return has_any_role(user, RECORDING_ROLES)


def can_record_exception_at(user, branch_id) -> bool:
    return has_role_at_branch(user, RECORDING_ROLES, branch_id)


def can_view_exception_log(user) -> bool:
    return has_any_role(user, RECORDING_ROLES)


def can_decide_exception(user, entry) -> bool:
    """A supervisor of the entry's branch (or an administrator), never the person who asked for it."""
    return (
        entry.status == "pending"
        and entry.recorded_by_id != user.pk
        and has_role_at_branch(user, APPROVING_ROLES, entry.branch_id)
    )


def can_view_consistency(user) -> bool:
    return has_any_role(user, MANAGING_ROLES)


def can_review_policies(user) -> bool:
    return is_administrator(user)


def can_view_reviews(user) -> bool:
    return has_any_role(user, MANAGING_ROLES)


def can_acknowledge(user) -> bool:
    return has_any_role(user, ACKNOWLEDGING_ROLES)


def can_view_acknowledgements(user) -> bool:
    return has_any_role(user, MANAGING_ROLES)


def can_view_yes_o_meter(user) -> bool:
    return has_any_role(user, MANAGING_ROLES | {Role.TRUSTEE})


def can_rate_branch(user, branch_id=None) -> bool:
    if branch_id is None:
        return has_any_role(user, MANAGING_ROLES)
    return has_role_at_branch(user, MANAGING_ROLES, branch_id)
