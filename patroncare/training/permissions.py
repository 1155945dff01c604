"""Who may practise, author, run sessions and see whose records."""

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import STAFF_ROLES, branch_ids_for, has_any_role, has_system_wide_role


def can_practise(user) -> bool:
    return has_any_role(user, STAFF_ROLES)


def can_author(user) -> bool:
    return has_any_role(user, [Role.TRAINER])


def can_run_sessions(user) -> bool:
    return has_any_role(user, [Role.TRAINER])


def can_assign(user) -> bool:
    """The assignments page, for anyone: trainers assign practice to every member of staff there."""
    return has_any_role(user, [Role.TRAINER])


def can_assign_to(user, person, person_branch_ids: set[int]) -> bool:
    """Trainers assign practice to anyone of their system; a supervisor to the people of their branches
    (the people whose training records they see), for example after a staff survey's results."""
    if person.library_system_id != user.library_system_id:
        return False
    if can_assign(user):
        return True
    return has_any_role(user, [Role.SUPERVISOR]) and can_see_records_of(user, person, person_branch_ids)


def can_see_others_records(user) -> bool:
    """Trainers see everyone's records; supervisors those of people at their branches."""
    return has_any_role(user, [Role.TRAINER, Role.SUPERVISOR])


def sees_every_record(user) -> bool:
    return has_any_role(user, [Role.TRAINER]) or has_system_wide_role(user, [Role.SUPERVISOR])


def supervised_branch_ids(user) -> set[int] | None:
    """Branches whose people's records the user may see; None for every branch."""
    if sees_every_record(user):
        return None
    return branch_ids_for(user, [Role.SUPERVISOR])


def can_see_records_of(user, person, person_branch_ids: set[int]) -> bool:
    if person.pk == user.pk:
        return True
    if person.library_system_id != user.library_system_id:
        return False
    branches = supervised_branch_ids(user)
    if branches is None:
        return True
    return bool(branches & person_branch_ids)
