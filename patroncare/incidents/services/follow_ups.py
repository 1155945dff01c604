"""Follow-up tasks of an incident: added, assigned to someone who works at its branch, and marked done.

Assigning and completing check the version the person started from: two people working on one follow-up
at once never silently overwrite each other.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.audit.services import changed_fields
from patroncare.core.concurrency import StaleEditError, save_if_unchanged
from patroncare.core.mail import absolute_link
from patroncare.incidents import events
from patroncare.libraries.calendar import today_in
from patroncare.notifications.services import notifications_clear_for
from patroncare.referrals.services import referral_record

from ..alerts import mail_staff
from ..models import FollowUp, Incident
from ..permissions import can_add_follow_up, can_assign_follow_up, can_complete_follow_up
from ..selectors import assignable_staff


def _check_assignee(incident: Incident, assignee) -> None:
    if assignee is None:
        return
    if assignee.library_system_id != incident.system_id:
        raise ValidationError(
            {"assignee": _("Choose a member of staff of your own library system.")}, code="other_system"
        )
    if not assignable_staff(incident=incident).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {
                "assignee": _(
                    "%(name)s does not work at %(branch)s. Choose someone who works there or across the "
                    "whole library system."
                )
                % {"name": assignee.full_name, "branch": incident.branch.name}
            },
            code="other_branch",
        )


def _check_due(incident: Incident, due_on: date | None, *, unchanged: date | None = None) -> None:
    if due_on is not None and due_on != unchanged and due_on < today_in(incident.system):
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})


def _notify_assignee(follow_up: FollowUp) -> None:
    """Tell the assignee, in their language, that a follow-up on incident #N is theirs. No one is named."""
    context = {
        "number": follow_up.incident_id,
        "due_on": follow_up.due_on,
        "url": absolute_link("incidents:follow_up", follow_up.pk),
    }
    assignee = follow_up.assignee
    transaction.on_commit(
        lambda: mail_staff(user=assignee, template="follow_up", context=context, target=follow_up)
    )


@transaction.atomic
def follow_up_add(
    *, actor, incident: Incident, description: str, assignee=None, due_on: date | None = None
) -> FollowUp:
    if not can_add_follow_up(actor, incident):
        raise ValidationError(_("You cannot add follow-ups to this incident."))
    _check_assignee(incident, assignee)
    _check_due(incident, due_on)
    follow_up = FollowUp(
        incident=incident,
        description=description.strip(),
        assignee=assignee,
        due_on=due_on,
        created_by=actor,
    )
    follow_up.full_clean()
    follow_up.save()
    events.follow_up_added(
        actor=actor, follow_up=follow_up, incident=incident, assignee=assignee, due_on=due_on
    )
    if assignee is not None:
        _notify_assignee(follow_up)
    return follow_up


@transaction.atomic
def follow_up_assign(
    *, actor, follow_up: FollowUp, assignee, due_on: date | None, expected_version: int
) -> FollowUp:
    """Assign (or reassign, or unassign) a follow-up and set its due date. The new assignee is e-mailed."""
    if not can_assign_follow_up(actor, follow_up):
        raise ValidationError(_("Only a supervisor or administrator of this branch can assign follow-ups."))
    if follow_up.version != expected_version:
        # Done (or reassigned) by a colleague since the page opened: say who, keep what was typed.
        raise StaleEditError(saved_by=follow_up.done_by)
    if follow_up.done_at is not None:
        raise ValidationError(_("This follow-up is already done."))
    _check_assignee(follow_up.incident, assignee)
    _check_due(follow_up.incident, due_on, unchanged=follow_up.due_on)
    before = {"assignee": follow_up.assignee, "due_on": follow_up.due_on}
    follow_up.assignee, follow_up.due_on = assignee, due_on
    save_if_unchanged(follow_up, expected_version=expected_version, fields=["assignee", "due_on"])
    changes = changed_fields(follow_up, before, ["assignee", "due_on"])
    events.follow_up_assigned(
        actor=actor, follow_up=follow_up, reassigned=bool(before["assignee"]), changes=changes
    )
    if assignee is not None and before["assignee"] != assignee:
        _notify_assignee(follow_up)
    return follow_up


@transaction.atomic
def follow_up_complete(
    *, actor, follow_up: FollowUp, note: str, expected_version: int, referral_need=None
) -> FollowUp:
    """The assignee, or a supervisor or administrator of the branch, marks the follow-up done.

    With `referral_need`, a community referral was offered: the anonymous referral log counts it against the
    incident's branch, with the incident's number and nothing about the person.
    """
    if not can_complete_follow_up(actor, follow_up):
        raise ValidationError(
            _("Only the person it is assigned to, or a supervisor of this branch, can do this.")
        )
    if follow_up.version != expected_version:
        raise StaleEditError(saved_by=follow_up.done_by)
    if follow_up.done_at is not None:
        raise ValidationError(_("This follow-up is already done."))
    if not note.strip():
        raise ValidationError({"note": _("Say in a few words what was done.")})
    follow_up.done_at, follow_up.done_by, follow_up.done_note = timezone.now(), actor, note.strip()
    save_if_unchanged(
        follow_up, expected_version=expected_version, fields=["done_at", "done_by", "done_note"]
    )
    events.follow_up_done(actor=actor, follow_up=follow_up)
    if referral_need is not None:
        referral_record(
            actor=actor,
            branch=follow_up.incident.branch,
            need=referral_need,
            language="und",  # not asked: the language of the person is not part of the follow-up
            incident_id=follow_up.incident_id,
        )
    notifications_clear_for(obj=follow_up)
    return follow_up
