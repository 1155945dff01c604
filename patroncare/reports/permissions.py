"""Who sees which figures, who may drill down to the records behind them, who writes the board report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import branch_ids_for, has_any_role, is_director

DASHBOARD_STAFF = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
REPORT_READERS = frozenset({Role.TRUSTEE, Role.ADMINISTRATOR})

NOT_DIRECTOR = _("Only the director drafts, edits, approves and publishes the board report.")
NOT_A_READER = _("Only trustees confirm that they have read the board report.")


def can_see_dashboard(user) -> bool:
    """Supervisors (their branches), administrators and the director (the whole system), trustees (the whole
    system, small numbers protected, no drill-down)."""
    return is_director(user) or has_any_role(user, DASHBOARD_STAFF | {Role.TRUSTEE})


def dashboard_branch_ids(user) -> set[int] | None:
    """The branches whose figures the user may see: None for the whole system."""
    if is_director(user) or has_any_role(user, {Role.ADMINISTRATOR, Role.TRUSTEE}):
        return None
    return branch_ids_for(user, DASHBOARD_STAFF)


def sees_protected_figures(user) -> bool:
    """A trustee (who is not also staff overseeing cases) sees small numbers protected, never the records."""
    return not is_director(user) and not has_any_role(user, DASHBOARD_STAFF)


def can_drill_down(user, list_name: str) -> bool:
    if sees_protected_figures(user):
        return False
    if list_name == "complaints":
        return has_any_role(user, roles.OVERSIGHT) or is_director(user)
    if list_name == "incidents":
        return has_any_role(user, roles.INCIDENT_READERS)
    return False


def can_export_dashboard(user) -> bool:
    return can_see_dashboard(user)


def can_manage_board_reports(user) -> bool:
    return is_director(user)


def can_see_board_reports(user) -> bool:
    """Trustees and administrators read approved reports; the director also sees drafts."""
    return is_director(user) or has_any_role(user, REPORT_READERS)


def can_confirm_reading(user) -> bool:
    return has_any_role(user, {Role.TRUSTEE})


@dataclass(frozen=True)
class BoardReportCapabilities:
    can_edit: bool
    can_approve: bool
    can_publish: bool
    can_unpublish: bool
    can_confirm_reading: bool
    can_see_readings: bool

    @classmethod
    def for_user(cls, user, report, *, has_read: bool = False) -> BoardReportCapabilities:
        director = can_manage_board_reports(user) and report.system_id == user.library_system_id
        return cls(
            can_edit=director and not report.is_approved,
            can_approve=director and not report.is_approved,
            can_publish=director and report.is_approved and report.is_annual and not report.is_published,
            can_unpublish=director and report.is_published,
            can_confirm_reading=can_confirm_reading(user) and report.is_approved and not has_read,
            can_see_readings=director,
        )
