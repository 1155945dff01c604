"""Who owns a complaint from the moment it arrives, and the clock that starts then.

ISO 10002 and the ombudsmen's codes start the clock at receipt and give every case an owner at once; triage
refines the category and the severity, it never starts the clock.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from patroncare.accounts.models import Role, User
from patroncare.accounts.permissions import has_system_wide_role
from patroncare.complaints import events

from ..models import Complaint, ComplaintsLead, Kind, Severity
from ..permissions import is_director, may_read_restricted
from ._common import require
from .deadlines import deadlines_for
from .notify import mail_staff

# The deadlines an untriaged case runs on until triage says otherwise: the middle of the scale.
PROVISIONAL_SEVERITY = Severity.MODERATE


def branch_supervisors(*, system, branch) -> list:
    return list(
        User.objects.filter(
            library_system=system,
            is_active=True,
            role_assignments__role=Role.SUPERVISOR,
            role_assignments__branch=branch,
        )
        .distinct()
        .order_by("id")
    )


def _system_administrators(*, system) -> list:
    return list(
        User.objects.filter(
            library_system=system,
            is_active=True,
            role_assignments__role=Role.ADMINISTRATOR,
            role_assignments__branch=None,
        )
        .distinct()
        .order_by("id")
    )


def _candidates(*, system, branch):
    """In order: the designated lead, the branch's supervisors, the director, then system administrators."""
    designated = (
        ComplaintsLead.objects.filter(
            system=system, branch=branch, lead__is_active=True, lead__library_system=system
        )
        .select_related("lead")
        .first()
    )
    if designated is not None:
        yield designated.lead
    if branch is not None:
        yield from branch_supervisors(system=system, branch=branch)
    if system.director_id:
        yield system.director
    yield from _system_administrators(system=system)


def intake_owner(*, system, branch, restricted: bool = False, named_ids=frozenset()):
    """The designated lead of the branch (or of the system-wide queue), else its supervisor, else director.

    A restricted case goes to the first of them who may read it; the person complained about is passed over
    (a named supervisor's case goes to the next level up).
    """
    for candidate in _candidates(system=system, branch=branch):
        if candidate.pk in named_ids:
            continue
        if restricted and not may_read_restricted(
            candidate, system=system, branch_id=branch.pk if branch else None, named_ids=named_ids
        ):
            continue
        return candidate
    return None


def start_clock_at_receipt(complaint: Complaint, *, named_ids=frozenset()) -> None:
    """An owner at once, and deadlines from the moment of receipt (unsaved case; no save)."""
    if complaint.owner_id is None or not _may_own(complaint, complaint.owner, named_ids):
        complaint.owner = intake_owner(
            system=complaint.system,
            branch=complaint.branch,
            restricted=complaint.restricted,
            named_ids=named_ids,
        )
    if complaint.kind == Kind.PRAISE or complaint.respond_due_at is not None:
        return  # praise is passed on, not answered against a deadline
    deadlines = deadlines_for(
        system=complaint.system,
        branch=complaint.branch,
        severity=complaint.severity or PROVISIONAL_SEVERITY,
        start=complaint.received_at,
        stage=1,
    )
    complaint.acknowledge_due_at = deadlines.acknowledge_due_at
    complaint.respond_due_at = deadlines.respond_due_at


def tell_owner_of_new_case(complaint: Complaint, *, recorded_by=None) -> None:
    """The owner hears of a new case (by e-mail, through the task engine), unless they recorded it."""
    owner = complaint.owner
    if owner is None or owner == recorded_by:
        return
    if complaint.severity == Severity.CRITICAL and is_director(owner, complaint.system):
        return  # the director already has the critical-case message
    mail_staff(
        user=owner,
        complaint=complaint,
        subject_template="complaints/email/new_case_subject.txt",
        body_template="complaints/email/new_case_body.txt",
        kind="complaints.new_case",
    )


def restricts(*, category, staff_involved: str = "", staff_named=(), kind: str = Kind.COMPLAINT) -> bool:
    """A complaint about staff conduct: someone on staff is involved or named, or its category says so.
    Praise and suggestions that name staff are not complaints about them."""
    if kind != Kind.COMPLAINT:
        return False
    return bool(staff_involved.strip() or list(staff_named) or (category is not None and category.restricts))


def _may_own(complaint: Complaint, user, named_ids) -> bool:
    if user is None or user.pk in named_ids:
        return False
    if not complaint.restricted:
        return True
    return may_read_restricted(
        user, system=complaint.system, branch_id=complaint.branch_id, named_ids=named_ids
    )


def reroute_if_barred(complaint: Complaint) -> bool:
    """A restricted case whose owner may not read it (named, or not an overseer) moves up. True if moved."""
    named_ids = complaint.named_staff_ids
    if _may_own(complaint, complaint.owner, named_ids):
        return False
    complaint.owner = intake_owner(
        system=complaint.system, branch=complaint.branch, restricted=complaint.restricted, named_ids=named_ids
    )
    return True


@transaction.atomic
def complaints_lead_set(*, actor, system, branch, lead) -> ComplaintsLead | None:
    """An administrator or the director names (lead=None: removes) the lead of a branch or of the queue."""
    require(
        actor.library_system_id == system.pk
        and (has_system_wide_role(actor, [Role.ADMINISTRATOR]) or is_director(actor, system)),
        _("Only an administrator or the director may name complaints leads."),
    )
    require(
        lead is None or (lead.library_system_id == system.pk and lead.is_active),
        _("Choose an active member of staff of this library system."),
    )
    require(branch is None or branch.system_id == system.pk, _("Choose a branch of this library system."))
    current = ComplaintsLead.objects.select_for_update().filter(system=system, branch=branch).first()
    if lead is None:
        if current is not None:
            current.delete()
            events.lead_removed(actor=actor, system=system, branch=branch)
        return None
    current = current or ComplaintsLead(system=system, branch=branch)
    current.lead = lead
    current.full_clean()
    current.save()
    events.lead_set(actor=actor, lead_record=current, system=system)
    return current
