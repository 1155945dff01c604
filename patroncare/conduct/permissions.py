"""Who may do what with rules, exclusions and appeals."""

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role, has_system_wide_role

BOARD_ROLES = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SECURITY})
EXCLUSION_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SECURITY})
RULE_READERS = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.ADMINISTRATOR, Role.SECURITY, Role.TRAINER})


def can_read_rules(user) -> bool:
    return has_any_role(user, RULE_READERS)


def can_configure_conduct(user) -> bool:
    return has_any_role(user, [Role.ADMINISTRATOR])


def can_see_board(user) -> bool:
    return has_any_role(user, BOARD_ROLES)


def can_handle_exclusions(user) -> bool:
    return has_any_role(user, EXCLUSION_ROLES)


def can_record_appeal(user) -> bool:
    return has_any_role(user, [Role.SUPERVISOR, Role.ADMINISTRATOR])


def can_review_period(user) -> bool:
    director = (
        getattr(user.library_system, "director_id", None) == user.pk if user.library_system_id else False
    )
    return (
        director or has_any_role(user, [Role.ADMINISTRATOR]) or has_system_wide_role(user, [Role.SUPERVISOR])
    )


def can_record_lift_request(user) -> bool:
    """A request to lift is a written request, like an appeal: supervisors and administrators record it."""
    return can_record_appeal(user)
