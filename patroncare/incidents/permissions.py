"""Who may report, read and review incidents. Narratives are for those whose role and branch allow it."""

from dataclasses import dataclass

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role, has_role_at_branch

REPORTING_ROLES = roles.INCIDENT_REPORTERS
# Roles that read every incident of their branches; front-line staff read the ones they reported.
READING_ROLES = roles.INCIDENT_READERS
PATTERN_ROLES = roles.OVERSIGHT


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


# Follow-ups: supervisors and administrators of the incident's branch run them; the reporter may add one to
# their own report; the assignee (or one of those supervisors) marks one done.
FOLLOW_UP_ROLES = PATTERN_ROLES


def can_list_follow_ups(user) -> bool:
    return has_any_role(user, FOLLOW_UP_ROLES)


def can_add_follow_up(user, incident) -> bool:
    return has_role_at_branch(user, FOLLOW_UP_ROLES, incident.branch_id) or (
        incident.reported_by_id == user.pk and has_any_role(user, REPORTING_ROLES)
    )


def can_assign_follow_up(user, follow_up) -> bool:
    return has_role_at_branch(user, FOLLOW_UP_ROLES, follow_up.incident.branch_id)


def can_complete_follow_up(user, follow_up) -> bool:
    return follow_up.assignee_id == user.pk or can_assign_follow_up(user, follow_up)


def can_see_alert_receipts(user, incident) -> bool:
    return has_role_at_branch(user, FOLLOW_UP_ROLES, incident.branch_id)


def can_manage_alert_settings(user) -> bool:
    return has_any_role(user, [Role.ADMINISTRATOR])


@dataclass(frozen=True)
class IncidentCapabilities:
    """What this person may do on an incident's page, computed once; the template only reads the flags.

    `may_exclude` comes from the app that keeps exclusions (see extensions), which incidents never import."""

    consider_consequence: bool = False
    debrief: bool = False
    add_follow_up: bool = False
    see_alert_receipts: bool = False

    @classmethod
    def for_user(cls, user, incident, *, may_exclude: bool, has_debrief: bool) -> "IncidentCapabilities":
        return cls(
            consider_consequence=may_exclude,
            debrief=has_debrief and can_record_debrief(user, incident),
            add_follow_up=can_add_follow_up(user, incident),
            see_alert_receipts=can_see_alert_receipts(user, incident),
        )
