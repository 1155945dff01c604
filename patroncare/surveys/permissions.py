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


# Walk-throughs: supervisors walk their branches (administrators any); everyone working at the branch sees
# them; an action is closed by its owner or by whoever may walk that branch.


def can_see_walkthroughs(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def can_edit_checklists(user) -> bool:
    return is_administrator(user)


def can_walk_branch(user, branch_id: int) -> bool:
    return has_role_at_branch(user, OVERSIGHT, branch_id)


def can_walk_any_branch(user) -> bool:
    return has_any_role(user, OVERSIGHT)


def can_see_walk(user, walk) -> bool:
    return walk.system_id == user.library_system_id and has_role_at_branch(user, STAFF_ROLES, walk.branch_id)


def can_record_walk(user, walk) -> bool:
    """Ratings, notes and photos: while the walk is not finished, by those who may walk the branch."""
    return can_see_walk(user, walk) and walk.finished_on is None and can_walk_branch(user, walk.branch_id)


def can_close_walk_action(user, action) -> bool:
    return can_see_walk(user, action.walk) and (
        action.owner_id == user.pk or can_walk_branch(user, action.walk.branch_id)
    )


def can_own_walk_action(person, branch_id: int) -> bool:
    """An action goes to someone who works at the branch walked."""
    return person.is_active and has_role_at_branch(person, STAFF_ROLES, branch_id)


def can_edit_questions(user, round_, today) -> bool:
    """Questions are changed only before the round opens: once anyone may answer, they are what was asked."""
    return can_run_surveys(user) and round_.system_id == user.library_system_id and today < round_.opens_on
