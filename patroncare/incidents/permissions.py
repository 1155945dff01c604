"""Who may report, read and review incidents. Narratives are for those whose role and branch allow it."""

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role, has_role_at_branch

REPORTING_ROLES = frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.SECURITY, Role.ADMINISTRATOR})
# Roles that read every incident of their branches; front-line staff read the ones they reported.
READING_ROLES = frozenset({Role.SUPERVISOR, Role.SECURITY, Role.ADMINISTRATOR})
PATTERN_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


def can_report_incident(user) -> bool:
    return has_any_role(user, REPORTING_ROLES)


def can_list_incidents(user) -> bool:
    return has_any_role(user, REPORTING_ROLES)


def can_see_patterns(user) -> bool:
    return has_any_role(user, PATTERN_ROLES)


def can_record_debrief(user, incident) -> bool:
    return has_role_at_branch(user, PATTERN_ROLES, incident.branch_id)


def can_manage_retention(user) -> bool:
    return has_any_role(user, [Role.ADMINISTRATOR])
