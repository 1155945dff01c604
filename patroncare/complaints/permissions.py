"""Who may do what with complaints.

- Front-line staff, supervisors and administrators record complaints and see the cases of their branches.
- A case is *handled* by its owner, the supervisors of its branch, administrators and the director. Only
  they see who the patron is and how to reach them; only supervisors and above see the staff involved.
- A *restricted* case (about staff conduct) is read and handled only by overseers of its branch, the director
  and administrators, and never by a staff member it names; whoever recorded it otherwise sees a receipt.
- Trustees see aggregate figures and review public statements; they never see a case.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import (
    has_any_role,
    has_role_at_branch,
    has_system_wide_role,
    is_director,
)

from .models.choices import Kind, Severity
from .models.learning import StatementStatus

CASE_ROLES = roles.CASE_HANDLERS
OVERSIGHT_ROLES = roles.OVERSIGHT
# What front-line staff may acknowledge, resolve and close at first contact on their own.
FIRST_CONTACT_SEVERITIES = frozenset({Severity.MINOR, Severity.MODERATE})


def can_use_complaints(user) -> bool:
    return has_any_role(user, CASE_ROLES) or is_director(user)


def can_record_complaint(user) -> bool:
    return has_any_role(user, CASE_ROLES)


def oversees_branch(user, branch_id: int | None) -> bool:
    """A supervisor or administrator of the branch (of the whole system when the case has no branch)."""
    if branch_id is None:
        return has_system_wide_role(user, OVERSIGHT_ROLES)
    return has_role_at_branch(user, OVERSIGHT_ROLES, branch_id)


def _oversees(user, complaint) -> bool:
    return oversees_branch(user, complaint.branch_id)


def has_case_authority(user, complaint) -> bool:
    """A supervisor of the case's branch, an administrator or the director: who may lower, close, reassign."""
    return complaint.system_id == user.library_system_id and (is_director(user) or _oversees(user, complaint))


def is_named_in(user, complaint) -> bool:
    return user.pk in complaint.named_staff_ids


def may_read_restricted(user, *, system, branch_id: int | None, named_ids=frozenset()) -> bool:
    """Who may read a restricted case of this branch: never someone it names (routing follows it too)."""
    if user is None or not user.is_active or user.library_system_id != system.pk or user.pk in named_ids:
        return False
    return is_director(user, system) or oversees_branch(user, branch_id)


def can_read_restricted(user, complaint) -> bool:
    return may_read_restricted(
        user, system=complaint.system, branch_id=complaint.branch_id, named_ids=complaint.named_staff_ids
    )


def can_handle(user, complaint) -> bool:
    if complaint.system_id != user.library_system_id:
        return False
    if complaint.restricted:
        return can_read_restricted(user, complaint)
    # The recorder handles it too: a desk complaint is often resolved at first contact by whoever took it.
    mine = user.pk in (complaint.owner_id, complaint.recorded_by_id)
    return mine or is_director(user) or _oversees(user, complaint)


def can_see_patron(user, complaint) -> bool:
    return can_handle(user, complaint)


def can_see_staff_involved(user, complaint) -> bool:
    if complaint.restricted:
        return can_read_restricted(user, complaint)
    return has_case_authority(user, complaint) and not is_named_in(user, complaint)


def can_export(user) -> bool:
    return has_any_role(user, OVERSIGHT_ROLES) or is_director(user)


def can_see_patterns(user) -> bool:
    return has_any_role(user, OVERSIGHT_ROLES) or is_director(user)


def can_manage_reviews(user) -> bool:
    return has_any_role(user, OVERSIGHT_ROLES) or is_director(user)


def can_configure(user) -> bool:
    return has_any_role(user, [Role.ADMINISTRATOR])


def can_see_statements(user) -> bool:
    return has_any_role(user, OVERSIGHT_ROLES | {Role.TRUSTEE}) or is_director(user)


def can_draft_statement(user, complaint) -> bool:
    if not complaint.warrants_statement or complaint.system_id != user.library_system_id:
        return False
    return (can_handle(user, complaint) and has_any_role(user, OVERSIGHT_ROLES)) or is_director(user)


def can_approve_statement(user) -> bool:
    return is_director(user)


def can_trustee_review(user) -> bool:
    return has_any_role(user, [Role.TRUSTEE])


def can_edit_statement(user, statement) -> bool:
    """Who may change a statement's text (while it is a draft): whoever drafted it, or the director."""
    if statement.system_id != user.library_system_id or not user.is_active:
        return False
    return user.pk == statement.drafted_by_id or is_director(user)


def can_comment_statement(user, statement) -> bool:
    """Trustees comment on statements; the director may reply. Nobody else."""
    if statement.system_id != user.library_system_id:
        return False
    return has_any_role(user, [Role.TRUSTEE]) or is_director(user)


def can_object_to_statement(user) -> bool:
    return has_any_role(user, [Role.TRUSTEE])


def can_publish_statement(user) -> bool:
    return is_director(user) or has_any_role(user, [Role.ADMINISTRATOR])


def can_see_figures(user) -> bool:
    return has_any_role(user, OVERSIGHT_ROLES | {Role.TRUSTEE}) or is_director(user)


def can_pass_on_praise(user, complaint) -> bool:
    return complaint.kind == "praise" and has_case_authority(user, complaint)


def can_merge(user, complaint) -> bool:
    """A supervisor of the branch, an administrator or the director merges a case not already merged."""
    return (
        complaint.merged_into_id is None
        and can_handle(user, complaint)
        and has_case_authority(user, complaint)
    )


def may_own_action(user, complaint) -> bool:
    """Who may be given an action promised on a case: an active member of its system's staff who may handle
    cases at its branch, never someone the complaint names; for a restricted case, only those who read it."""
    if user is None or not user.is_active or user.library_system_id != complaint.system_id:
        return False
    if is_named_in(user, complaint):
        return False
    if complaint.restricted:
        return can_read_restricted(user, complaint)
    return is_director(user) or has_role_at_branch(user, CASE_ROLES, complaint.branch_id)


def can_complete_action(user, action) -> bool:
    """An action is marked done by its owner, or by an overseer of the case (supervisor, administrator,
    director) who may read it."""
    return may_complete_action(user, action.complaint, owner_id=action.owner_id)


def may_complete_action(user, complaint, *, owner_id) -> bool:
    if complaint.system_id != user.library_system_id or is_named_in(user, complaint):
        return False
    if complaint.restricted and not can_read_restricted(user, complaint):
        return False
    return owner_id == user.pk or has_case_authority(user, complaint)


def can_record_satisfaction(user, complaint) -> bool:
    return can_handle(user, complaint) and complaint.kind == "complaint"


def first_contact_refusal(user, complaint, *, doing: str) -> str:
    """Why this person may not `doing` this case on their own authority, or "" when they may: front-line
    staff handle minor and moderate cases; serious and critical ones need a supervisor."""
    if has_case_authority(user, complaint) or complaint.kind != Kind.COMPLAINT:
        return ""
    if not complaint.severity:
        return _("Choose a severity first: front-line staff may %(doing)s only minor and moderate cases.") % {
            "doing": doing
        }
    if complaint.severity not in FIRST_CONTACT_SEVERITIES:
        return _("Only a supervisor of the branch may %(doing)s a serious or critical case.") % {
            "doing": doing
        }
    return ""


@dataclass(frozen=True)
class StatementCapabilities:
    """What this person may do on a public statement's page now, from the predicates above and its stage."""

    edit: bool = False
    approve: bool = False
    trustee_review: bool = False
    publish: bool = False
    comment: bool = False
    object: bool = False

    @classmethod
    def for_user(cls, user, statement) -> "StatementCapabilities":
        draft = statement.status == StatementStatus.DRAFT
        approved = statement.status == StatementStatus.APPROVED
        reviewed = statement.trustee_reviewed_at is not None
        comment = statement.status != StatementStatus.PUBLISHED and can_comment_statement(user, statement)
        return cls(
            edit=draft and can_edit_statement(user, statement),
            approve=draft and can_approve_statement(user),
            trustee_review=approved and not reviewed and can_trustee_review(user),
            publish=approved and reviewed and can_publish_statement(user),
            comment=comment,
            object=comment and approved and can_object_to_statement(user),
        )


def may_record_satisfaction_now(user, complaint, *, retrying: bool = False) -> bool:
    """Staff record the patron's answer once, after the response (or a first-contact closure); a refused
    attempt shows its form again."""
    if not can_record_satisfaction(user, complaint):
        return False
    answered_or_closed = complaint.responded_at is not None or complaint.status == "closed"
    return retrying or (answered_or_closed and not complaint.satisfaction)
