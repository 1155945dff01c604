"""Who may read and change the retention schedule and legal holds of their own library system."""

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_system_wide_role, is_director


def can_change_schedule(user) -> bool:
    return has_system_wide_role(user, [Role.ADMINISTRATOR])


def can_view_schedule(user) -> bool:
    return can_change_schedule(user) or is_director(user)


def can_manage_holds(user) -> bool:
    """A director places and releases holds; an administrator may too (often the one asked by counsel)."""
    return is_director(user) or has_system_wide_role(user, [Role.ADMINISTRATOR])


def can_erase_people(user) -> bool:
    """Erasure answers a patron's request; administrators handle those (see patrons.permissions)."""
    return has_system_wide_role(user, [Role.ADMINISTRATOR])
