"""Who may do what with rules, exclusions and appeals."""

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role, has_role_at_branch, has_system_wide_role
from patroncare.rulebook.models import Decider
from patroncare.rulebook.selectors import appeal_settings_for

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


def may_approve_deviation(user, exclusion) -> bool:
    """A deviation from the ladder is approved by someone other than its issuer, over its branch."""
    if user.pk == exclusion.issued_by_id or user.library_system_id != exclusion.system_id:
        return False
    if exclusion.system.director_id == user.pk:
        return True
    return (
        has_role_at_branch(user, [Role.SUPERVISOR, Role.ADMINISTRATOR], exclusion.branch_id)
        if exclusion.branch_id
        else has_role_at_branch(user, [Role.SUPERVISOR, Role.ADMINISTRATOR], None)
    )


def may_decide(user, appeal, settings=None) -> bool:
    """An appeal is heard by the decider the library chose, never by the exclusion's issuer."""
    exclusion = appeal.exclusion
    if user.library_system_id != exclusion.system_id or user.pk == exclusion.issued_by_id:
        return False
    decider = (settings or appeal_settings_for(exclusion.system)).decider
    if exclusion.system.director_id == user.pk:
        return True
    if decider == Decider.ADMINISTRATOR:
        return has_system_wide_role(user, [Role.ADMINISTRATOR])
    if decider == Decider.SUPERVISOR:
        return has_role_at_branch(user, [Role.SUPERVISOR], exclusion.branch_id)
    return False
