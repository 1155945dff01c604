"""Audit events of exclusions, appeals and lifting: codes and non-personal values only."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit import labels
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import AppealDecision, Attendance, LetterKind, LiftDecision

VIEWED = define("conduct.exclusion_viewed", Action.VIEW, _("Exclusion viewed"))
LIST_VIEWED = define("conduct.exclusion_list_viewed", Action.VIEW, _("Exclusion list viewed"))
BOARD_VIEWED = define("conduct.board_viewed", Action.VIEW, _("Board of current exclusions viewed"))
DESK_CARD_VIEWED = define(
    "conduct.desk_card_viewed", Action.VIEW, _("Desk card naming excluded people viewed")
)
PHOTO_VIEWED = define("conduct.photo_viewed", Action.VIEW, _("Photo of an excluded person seen"))
APPEAL_VIEWED = define("conduct.appeal_viewed", Action.VIEW, _("Appeal viewed"))
LIFT_REQUEST_VIEWED = define("conduct.lift_request_viewed", Action.VIEW, _("Request to lift viewed"))
LETTER_PRINTED = define(
    "conduct.letter_printed",
    Action.EXPORT,
    _("Letter printed: %(kind)s (%(language)s, letter #%(letter)s)"),
    choices={"kind": LetterKind},
)
LADDER_EXPORTED = define("conduct.ladder_exported", Action.EXPORT, _("Ladder downloaded as a CSV file"))

ISSUED = define("conduct.exclusion_issued", Action.CREATE, _("Exclusion issued"))
ISSUED_WITH_DEVIATION = define(
    "conduct.exclusion_issued_deviating", Action.CREATE, _("Exclusion issued (deviation from the ladder)")
)
DEVIATION_APPROVED = define(
    "conduct.deviation_approved", Action.UPDATE, _("Deviation from the ladder approved")
)
NOTICE_DELIVERED = define("conduct.notice_delivered", Action.UPDATE, _("Notice delivery recorded"))
PERIODIC_REVIEW = define(
    "conduct.periodic_review_recorded", Action.CREATE, _("Periodic review of exclusions recorded")
)
PENDING_REVIEWED = define(
    "conduct.pending_review_completed", Action.UPDATE, _("Review of a pending exclusion completed")
)
PHOTO_ADDED = define("conduct.photo_added", Action.UPDATE, _("Photo of the excluded person added"))
LETTER_ISSUED = define(
    "conduct.letter_issued",
    Action.CREATE,
    _("Letter issued and stored: %(kind)s (%(language)s)"),
    choices={"kind": LetterKind},
)
APPEAL_FILED = define("conduct.appeal_filed", Action.CREATE, _("Appeal filed"))
APPEAL_FILED_LATE = define("conduct.appeal_filed_late", Action.CREATE, _("Appeal filed late, for good cause"))
APPEAL_DECIDED = define(
    "conduct.appeal_decided",
    Action.UPDATE,
    _("Appeal decided: %(decision)s"),
    choices={"decision": AppealDecision},
)
HEARING_SCHEDULED = define("conduct.hearing_scheduled", Action.CREATE, _("Hearing scheduled"))
HEARING_SCHEDULED_LATE = define(
    "conduct.hearing_scheduled_late", Action.CREATE, _("Hearing scheduled, after the deadline")
)
HEARING_MOVED = define("conduct.hearing_moved", Action.UPDATE, _("Hearing moved"))
HEARING_MOVED_LATE = define(
    "conduct.hearing_moved_late", Action.UPDATE, _("Hearing moved, after the deadline")
)
HEARING_DOCUMENTS_SENT = define(
    "conduct.hearing_documents_sent", Action.UPDATE, _("Documents of the hearing sent to the person")
)
HEARING_HELD = define(
    "conduct.hearing_held",
    Action.UPDATE,
    _("Hearing recorded: %(attendance)s"),
    choices={"attendance": Attendance},
)
LIFT_REQUESTED = define(
    "conduct.lift_requested", Action.CREATE, _("Request to lift a permanent exclusion recorded")
)
LIFT_REQUESTED_EARLY = define(
    "conduct.lift_requested_early",
    Action.CREATE,
    _("Request to lift a permanent exclusion recorded early, for good cause"),
)
LIFT_DECIDED = define(
    "conduct.lift_decided",
    Action.UPDATE,
    _("Request to lift a permanent exclusion decided: %(decision)s"),
    choices={"decision": LiftDecision},
)


# Reads (called by the views that show them)


def exclusion_viewed(*, actor, exclusion):
    return audit_event(VIEWED, actor=actor, obj=exclusion)


def exclusion_list_viewed(*, actor):
    return audit_event(LIST_VIEWED, actor=actor)


def board_viewed(*, actor):
    return audit_event(BOARD_VIEWED, actor=actor)


def desk_card_viewed(*, actor, card: str):
    return audit_event(DESK_CARD_VIEWED, actor=actor, params={"card": card})


def photo_viewed(*, actor, person):
    return audit_event(PHOTO_VIEWED, actor=actor, obj=person)


def appeal_viewed(*, actor, appeal):
    return audit_event(APPEAL_VIEWED, actor=actor, obj=appeal)


def lift_request_viewed(*, actor, lift_request):
    return audit_event(LIFT_REQUEST_VIEWED, actor=actor, obj=lift_request)


def letter_printed(*, actor, record, letter):
    params = {"kind": letter.kind, "language": letter.language, "letter": letter.pk}
    return audit_event(LETTER_PRINTED, actor=actor, obj=record, params=params)


def ladder_exported(*, actor, system):
    return audit_event(LADDER_EXPORTED, actor=actor, obj=system, library_system_id=system.pk)


# Writes


def exclusion_issued(*, actor, exclusion, system, changes, deviating: bool):
    event = ISSUED_WITH_DEVIATION if deviating else ISSUED
    return audit_event(event, actor=actor, obj=exclusion, library_system_id=system.pk, changes=changes)


def deviation_approved(*, actor, exclusion):
    return audit_event(DEVIATION_APPROVED, actor=actor, obj=exclusion)


def notice_delivered(*, actor, exclusion, changes):
    return audit_event(NOTICE_DELIVERED, actor=actor, obj=exclusion, changes=changes)


def periodic_review_recorded(*, actor, review, system):
    return audit_event(PERIODIC_REVIEW, actor=actor, obj=review, library_system_id=system.pk)


def pending_review_completed(*, actor, exclusion, changes):
    return audit_event(PENDING_REVIEWED, actor=actor, obj=exclusion, changes=changes)


def photo_added(*, actor, exclusion):
    return audit_event(PHOTO_ADDED, actor=actor, obj=exclusion)


def letter_issued(*, actor, exclusion, letter, supersedes):
    params = {"kind": letter.kind, "language": letter.language, "letter": letter.pk}
    changes = {"sha256": letter.sha256, "supersedes": supersedes.pk if supersedes else None}
    return audit_event(
        LETTER_ISSUED,
        actor=actor,
        obj=exclusion,
        library_system_id=exclusion.system_id,
        params=params,
        changes=changes,
    )


def appeal_filed(*, actor, appeal, exclusion, late: bool):
    event = APPEAL_FILED_LATE if late else APPEAL_FILED
    return audit_event(event, actor=actor, obj=appeal, library_system_id=exclusion.system_id)


def appeal_decided(*, actor, appeal, exclusion, decision: str, changes):
    return audit_event(
        APPEAL_DECIDED,
        actor=actor,
        obj=appeal,
        library_system_id=exclusion.system_id,
        params={"decision": decision},
        changes=changes,
    )


def hearing_scheduled(*, actor, hearing, appeal, created: bool, late: bool, before_at):
    if created:
        event = HEARING_SCHEDULED_LATE if late else HEARING_SCHEDULED
    else:
        event = HEARING_MOVED_LATE if late else HEARING_MOVED
    old = before_at.isoformat() if before_at else None
    changes = {"scheduled_at": [old, hearing.scheduled_at.isoformat()], "place": {}, "panel_names": {}}
    return audit_event(
        event, actor=actor, obj=hearing, library_system_id=appeal.exclusion.system_id, changes=changes
    )


def hearing_documents_sent(*, actor, hearing, system, disclosed_on):
    changes = {"documents_disclosed_on": [None, disclosed_on.isoformat()]}
    return audit_event(
        HEARING_DOCUMENTS_SENT, actor=actor, obj=hearing, library_system_id=system.pk, changes=changes
    )


def hearing_held(*, actor, hearing, attendance: str):
    system_id = hearing.appeal.exclusion.system_id
    params = {"attendance": attendance}
    return audit_event(HEARING_HELD, actor=actor, obj=hearing, library_system_id=system_id, params=params)


def lift_requested(*, actor, lift_request, system, early: bool):
    event = LIFT_REQUESTED_EARLY if early else LIFT_REQUESTED
    return audit_event(event, actor=actor, obj=lift_request, library_system_id=system.pk)


def lift_decided(*, actor, lift_request, exclusion, decision: str, changes):
    return audit_event(
        LIFT_DECIDED,
        actor=actor,
        obj=lift_request,
        library_system_id=exclusion.system_id,
        params={"decision": decision},
        changes=changes,
    )


# An exclusion, an appeal or a request is labelled by the person, as the person reads now (anonymised or not).
def _exclusion_label(exclusion) -> str:
    return f"{exclusion.get_outcome_display()} · {exclusion.person}"


labels.register_model("conduct.exclusion", label=_exclusion_label, related=("person",))
labels.register_model(
    "conduct.appeal",
    label=lambda appeal: _("Appeal of %(exclusion)s") % {"exclusion": _exclusion_label(appeal.exclusion)},
    related=("exclusion__person",),
)
labels.register_model(
    "conduct.hearing",
    label=lambda hearing: (
        _("Hearing of the appeal of %(exclusion)s")
        % {"exclusion": _exclusion_label(hearing.appeal.exclusion)}
    ),
    related=("appeal__exclusion__person",),
)
labels.register_model(
    "conduct.liftrequest",
    label=lambda lift: _("Request to lift %(exclusion)s") % {"exclusion": _exclusion_label(lift.exclusion)},
    related=("exclusion__person",),
)
