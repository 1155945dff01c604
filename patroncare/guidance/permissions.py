"""Every member of staff reads the playbooks; administrators edit them."""

from patroncare.accounts.permissions import STAFF_ROLES, has_any_role, is_administrator


def can_read_guidance(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def can_edit_guidance(user) -> bool:
    return is_administrator(user)
