"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import EntryKind, EntryStatus, RatingArea, ReviewOutcome, ReviewTrigger

EXCEPTION_VIEWED = define("policies.exception_viewed", Action.VIEW, _("Exception log entry viewed"))
EXCEPTION_LOGGED = define(
    "policies.exception_logged",
    Action.CREATE,
    _("%(kind)s logged (%(status)s)"),
    choices={"kind": EntryKind, "status": EntryStatus},
)
EXCEPTION_DECIDED = define("policies.exception_decided", Action.UPDATE, _("Exception approved"))
EXCEPTION_DECLINED = define("policies.exception_declined", Action.UPDATE, _("Exception declined"))
POLICY_ADDED = define("policies.policy_added", Action.CREATE, _("Policy added"))
POLICY_CHANGED = define("policies.policy_changed", Action.UPDATE, _("Policy changed"))
POLICY_VERSIONED = define(
    "policies.policy_versioned", Action.UPDATE, _("Policy changed (version %(version)s)")
)
ACKNOWLEDGED = define("policies.acknowledged", Action.UPDATE, _("Version %(version)s acknowledged"))
REVIEW_REQUESTED_AGAIN = define(
    "policies.review_requested_again",
    Action.UPDATE,
    _("Review requested again (%(trigger)s)"),
    choices={"trigger": ReviewTrigger},
)
REVIEW_OPENED = define(
    "policies.review_opened",
    Action.CREATE,
    _("Review opened (%(trigger)s)"),
    choices={"trigger": ReviewTrigger},
)
CHECKLIST_SAVED = define("policies.checklist_saved", Action.UPDATE, _("Inclusivity checklist saved"))
REVIEW_ENDED = define(
    "policies.review_ended", Action.UPDATE, _("Review ended: %(outcome)s"), choices={"outcome": ReviewOutcome}
)
RULES_LINKED = define("policies.rules_linked", Action.UPDATE, _("Rules of conduct linked to the policy"))
RATED = define(
    "policies.rated", Action.CREATE, _("Yes-O-Meter: %(area)s rated %(rating)s"), choices={"area": RatingArea}
)
RERATED = define(
    "policies.rerated",
    Action.UPDATE,
    _("Yes-O-Meter: %(area)s rated again %(rating)s"),
    choices={"area": RatingArea},
)


def exception_viewed(*, actor, entry):
    return audit_event(EXCEPTION_VIEWED, actor=actor, obj=entry)


def exception_logged(*, actor, entry):
    return audit_event(
        EXCEPTION_LOGGED, actor=actor, obj=entry, params={"kind": entry.kind, "status": entry.status}
    )


def exception_decided(*, actor, entry, approve: bool):
    if not approve:
        return audit_event(EXCEPTION_DECLINED, actor=actor, obj=entry)
    return audit_event(EXCEPTION_DECIDED, actor=actor, obj=entry)


def exception_declined(*, actor, entry):
    return audit_event(EXCEPTION_DECLINED, actor=actor, obj=entry)


def policy_added(*, actor, policy):
    return audit_event(POLICY_ADDED, actor=actor, obj=policy)


def policy_changed(*, actor, policy, new_version: bool, changes):
    if new_version:
        params = {"version": policy.current_number}
        return audit_event(POLICY_VERSIONED, actor=actor, obj=policy, params=params, changes=changes)
    return audit_event(POLICY_CHANGED, actor=actor, obj=policy, changes=changes)


def policy_versioned(*, actor, policy, changes):
    return audit_event(
        POLICY_VERSIONED, actor=actor, obj=policy, params={"version": policy.current_number}, changes=changes
    )


def acknowledged(*, user, policy, version):
    return audit_event(ACKNOWLEDGED, actor=user, obj=policy, params={"version": version.number})


def review_requested_again(*, actor, policy, trigger: str):
    return audit_event(
        REVIEW_REQUESTED_AGAIN,
        actor=actor,
        obj=policy,
        library_system_id=policy.system_id,
        params={"trigger": trigger},
    )


def review_opened(*, actor, review, policy, trigger: str):
    return audit_event(
        REVIEW_OPENED,
        actor=actor,
        obj=review,
        library_system_id=policy.system_id,
        params={"trigger": trigger},
    )


def checklist_saved(*, actor, review, changes):
    return audit_event(CHECKLIST_SAVED, actor=actor, obj=review, changes=changes)


def review_ended(*, actor, review, outcome: str):
    return audit_event(REVIEW_ENDED, actor=actor, obj=review, params={"outcome": outcome})


def rules_linked(*, actor, policy, before, after):
    return audit_event(RULES_LINKED, actor=actor, obj=policy, changes={"rules": [before, after]})


def rated(*, actor, record, branch, created: bool):
    if not created:
        params = {"area": record.area, "rating": record.rating}
        return audit_event(
            RERATED, actor=actor, obj=record, library_system_id=branch.system_id, params=params
        )
    return audit_event(
        RATED,
        actor=actor,
        obj=record,
        library_system_id=branch.system_id,
        params={"area": record.area, "rating": record.rating},
    )


def rerated(*, actor, record, branch):
    return audit_event(
        RERATED,
        actor=actor,
        obj=record,
        library_system_id=branch.system_id,
        params={"area": record.area, "rating": record.rating},
    )
