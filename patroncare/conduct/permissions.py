"""Who may do what with rules, exclusions and appeals."""

from dataclasses import dataclass

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import (
    has_any_role,
    has_role_at_branch,
    has_system_wide_role,
    is_director,
)
from patroncare.rulebook.models import Decider, Outcome
from patroncare.rulebook.selectors import appeal_settings_for

from .models import ExclusionState

BOARD_ROLES = roles.INCIDENT_REPORTERS
EXCLUSION_ROLES = roles.INCIDENT_READERS
RULE_READERS = roles.STAFF


def can_read_rules(user) -> bool:
    return has_any_role(user, RULE_READERS)


def can_configure_conduct(user) -> bool:
    return has_any_role(user, roles.ADMINISTRATORS)


def can_see_board(user) -> bool:
    return has_any_role(user, BOARD_ROLES)


def can_handle_exclusions(user) -> bool:
    return has_any_role(user, EXCLUSION_ROLES)


def can_record_appeal(user) -> bool:
    return has_any_role(user, roles.OVERSIGHT)


def can_review_period(user) -> bool:
    return (
        is_director(user)
        or has_any_role(user, roles.ADMINISTRATORS)
        or has_system_wide_role(user, [Role.SUPERVISOR])
    )


def can_record_lift_request(user) -> bool:
    """A request to lift is a written request, like an appeal: supervisors and administrators record it."""
    return can_record_appeal(user)


def may_approve_deviation(user, exclusion) -> bool:
    """A deviation from the ladder is approved by someone other than its issuer, over its branch."""
    if user.pk == exclusion.issued_by_id or user.library_system_id != exclusion.system_id:
        return False
    if is_director(user, exclusion.system):
        return True
    return (
        has_role_at_branch(user, roles.OVERSIGHT, exclusion.branch_id)
        if exclusion.branch_id
        else has_role_at_branch(user, roles.OVERSIGHT, None)
    )


def may_decide(user, appeal, settings=None) -> bool:
    """An appeal is heard by the decider the library chose, never by the exclusion's issuer."""
    exclusion = appeal.exclusion
    if user.library_system_id != exclusion.system_id or user.pk == exclusion.issued_by_id:
        return False
    decider = (settings or appeal_settings_for(exclusion.system)).decider
    if is_director(user, exclusion.system):
        return True
    if decider == Decider.ADMINISTRATOR:
        return has_system_wide_role(user, [Role.ADMINISTRATOR])
    if decider == Decider.SUPERVISOR:
        return has_role_at_branch(user, [Role.SUPERVISOR], exclusion.branch_id)
    return False


def may_decide_lift_request(user, lift_request, settings=None) -> bool:
    """The appeal decider of the system (a supervisor other than the issuer, an administrator or the
    director), and never the person who issued the exclusion."""
    return may_decide(user, lift_request, settings=settings)


@dataclass(frozen=True)
class ExclusionCapabilities:
    """What this person may do on this exclusion's page now: computed once from the predicates above and
    the exclusion's state, so that the template only reads flags."""

    record_appeal: bool = False
    decide_appeal: bool = False
    approve_deviation: bool = False
    complete_review: bool = False

    @classmethod
    def for_user(cls, user, exclusion, *, settings, open_appeal) -> "ExclusionCapabilities":
        # An ended exclusion takes no appeal unless the library's appeal rules allow it.
        finished = exclusion.state == ExclusionState.RESCINDED or (
            exclusion.state == ExclusionState.ENDED and not settings.appeal_after_end
        )
        return cls(
            record_appeal=can_record_appeal(user) and open_appeal is None and not finished,
            decide_appeal=open_appeal is not None and may_decide(user, open_appeal, settings=settings),
            approve_deviation=bool(exclusion.deviation_reason)
            and exclusion.deviation_approved_at is None
            and may_approve_deviation(user, exclusion),
            complete_review=exclusion.outcome == Outcome.PENDING_REVIEW
            and exclusion.state != ExclusionState.RESCINDED,
        )
