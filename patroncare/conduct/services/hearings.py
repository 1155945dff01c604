"""The hearing of an appeal: scheduled by the decider, documents sent beforehand, attendance recorded.

Who may do each of these is who may decide the appeal. A hearing already recorded as held is not moved, and
a decided appeal's hearing is not changed.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from patroncare.conduct import events
from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.libraries.calendar import local_date, today_in
from patroncare.rulebook.selectors import appeal_settings_for

from ..models import Appeal, Attendance, Hearing
from ..permissions import may_decide
from ..state import hearing_deadline

REFUSED = _("You may not arrange the hearing of this appeal: it is for whoever decides the appeal.")


def _open_appeal_for(actor, appeal: Appeal) -> Appeal:
    # Locked, so a decision and a change of the hearing cannot cross.
    appeal = Appeal.objects.select_for_update().select_related("exclusion__system").get(pk=appeal.pk)
    refuse_unless(may_decide(actor, appeal), REFUSED)
    if not appeal.is_open:
        raise ValidationError(_("This appeal has been decided; its hearing can no longer be changed."))
    return appeal


@transaction.atomic
def hearing_schedule(
    *,
    actor,
    appeal: Appeal,
    scheduled_at: datetime,
    place: str,
    panel_members=(),
    panel_names: str = "",
    late_reason: str = "",
    expected_version: int | None = None,
) -> Hearing:
    """Set (or move) the hearing. After the library's deadline for hearings only with a reason, recorded."""
    appeal = _open_appeal_for(actor, appeal)
    settings = appeal_settings_for(appeal.exclusion.system)
    hearing = Hearing.objects.filter(appeal=appeal).first()
    if hearing is not None and hearing.is_recorded:
        raise ValidationError(_("This hearing has taken place and is recorded; it cannot be moved."))
    if scheduled_at < appeal.received_at:
        raise ValidationError({"scheduled_at": _("The hearing cannot be before the appeal was received.")})
    deadline = hearing_deadline(appeal, settings)
    late = deadline is not None and scheduled_at > deadline
    if late and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _(
                    "Your library's appeal rules say the hearing is held by the end of %(day)s. To hold it "
                    "later, give the reason (for example, the person asked for another date)."
                )
                % {"day": local_date(appeal.exclusion.system, deadline).isoformat()}
            }
        )
    if not place.strip():
        raise ValidationError({"place": _("Say where the hearing is held.")})
    before_at = hearing.scheduled_at if hearing is not None else None
    created = hearing is None
    if created:
        hearing = Hearing(appeal=appeal)
    hearing.scheduled_at, hearing.place = scheduled_at, place.strip()
    hearing.panel_names = panel_names.strip()
    hearing.late_reason = late_reason.strip() if late else ""
    hearing.scheduled_by, hearing.scheduled_recorded_at = actor, timezone.now()
    fields = ["scheduled_at", "place", "panel_names", "late_reason", "scheduled_by", "scheduled_recorded_at"]
    if created:
        hearing.full_clean()
        hearing.save()
    else:
        save_if_unchanged(hearing, expected_version=_expected(expected_version, hearing), fields=fields)
    hearing.panel_members.set(_members_of(appeal, panel_members))
    events.hearing_scheduled(
        actor=actor, hearing=hearing, appeal=appeal, created=created, late=late, before_at=before_at
    )
    return hearing


@transaction.atomic
def hearing_record_disclosure(
    *, actor, hearing: Hearing, disclosed_on: date, note: str = "", expected_version: int
) -> Hearing:
    """The day the documents the decider will read were sent to the person."""
    _open_appeal_for(actor, hearing.appeal)
    hearing = Hearing.objects.get(pk=hearing.pk)
    system = hearing.appeal.exclusion.system
    if disclosed_on > today_in(system):
        raise ValidationError({"documents_disclosed_on": _("The documents cannot be sent in the future.")})
    if disclosed_on < local_date(system, hearing.appeal.received_at):
        raise ValidationError(
            {"documents_disclosed_on": _("The documents cannot be sent before the appeal was received.")}
        )
    hearing.documents_disclosed_on, hearing.documents_note = disclosed_on, note.strip()
    save_if_unchanged(
        hearing, expected_version=expected_version, fields=["documents_disclosed_on", "documents_note"]
    )
    events.hearing_documents_sent(actor=actor, hearing=hearing, system=system, disclosed_on=disclosed_on)
    return hearing


@transaction.atomic
def hearing_record_attendance(
    *,
    actor,
    hearing: Hearing,
    attendance: str,
    represented_by: str = "",
    outcome_notes: str = "",
    expected_version: int,
) -> Hearing:
    """Who came, and what was said: once the hearing's time has come. The appeal may then be decided."""
    _open_appeal_for(actor, hearing.appeal)
    hearing = Hearing.objects.get(pk=hearing.pk)
    if attendance not in Attendance.values:
        raise ValidationError(
            {"attendance": _("Choose whether the person attended, was represented or not.")}
        )
    if hearing.scheduled_at > timezone.now():
        raise ValidationError(
            {"attendance": _("The hearing has not taken place yet: record it once it has been held.")}
        )
    if attendance == Attendance.REPRESENTED and not represented_by.strip():
        raise ValidationError({"represented_by": _("Say who represented the person.")})
    hearing.attendance = attendance
    hearing.represented_by = represented_by.strip() if attendance == Attendance.REPRESENTED else ""
    hearing.outcome_notes = outcome_notes.strip()
    hearing.held_recorded_by, hearing.held_recorded_at = actor, timezone.now()
    save_if_unchanged(
        hearing,
        expected_version=expected_version,
        fields=["attendance", "represented_by", "outcome_notes", "held_recorded_by", "held_recorded_at"],
    )
    events.hearing_held(actor=actor, hearing=hearing, attendance=attendance)
    return hearing


def hearing_blocks_decision(appeal: Appeal, settings) -> str:
    """Why the appeal cannot be decided yet because of its hearing, or "" when it can."""
    hearing = Hearing.objects.filter(appeal=appeal).first()
    if hearing is not None and hearing.is_recorded:
        return ""
    if hearing is not None:
        return _("The hearing has not been recorded yet: record whether the person attended, then decide.")
    if settings.hearing_required:
        return _("Your library's appeal rules require a hearing before the decision: schedule it first.")
    return ""


def _expected(expected_version: int | None, hearing: Hearing) -> int:
    # Moving a hearing without saying which version one saw would overwrite someone else's change unseen.
    if expected_version is None:
        raise ValueError("moving a hearing needs the version it was read at")
    return expected_version


def _members_of(appeal: Appeal, members) -> list:
    """Panel members are users of the appeal's own library system; anyone else is left out."""
    return [member for member in members if member.library_system_id == appeal.exclusion.system_id]
