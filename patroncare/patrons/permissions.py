"""Who may see, search, merge, correct and export the people the library deals with.

Supervisors, administrators and the director of a system look people up across it; the director,
administrators and supervisors merge two records of one person; only administrators answer a patron's
rights requests (access, correction, erasure). Everyone else sees a person only through a record they may
already see (patrons.selectors.person_get_for).
"""

from patroncare.accounts import roles
from patroncare.accounts.permissions import has_any_role, is_director

OVERSIGHT_ROLES = roles.OVERSIGHT


def can_look_up_people(user) -> bool:
    return bool(user.library_system_id) and (is_director(user) or has_any_role(user, OVERSIGHT_ROLES))


def can_merge_people(user) -> bool:
    return can_look_up_people(user)


def can_handle_rights_requests(user) -> bool:
    return bool(user.library_system_id) and has_any_role(user, roles.ADMINISTRATORS)


def same_system(user, person) -> bool:
    return bool(user.library_system_id) and person.system_id == user.library_system_id
