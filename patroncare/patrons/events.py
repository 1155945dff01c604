"""Audit events of the patrons app: codes, record numbers and counts only, never a name or a contact."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import RightsRequestKind, RightsRequestOutcome

LIST_VIEWED = define("patrons.list_viewed", Action.VIEW, _("List of people viewed"))
VIEWED = define("patrons.person_viewed", Action.VIEW, _("Person #%(person)s viewed"))
REQUESTS_VIEWED = define("patrons.rights_requests_viewed", Action.VIEW, _("Rights requests viewed"))
MERGED = define("patrons.person_merged", Action.UPDATE, _("Person #%(removed)s merged into person #%(kept)s"))
CORRECTED = define("patrons.person_corrected", Action.UPDATE, _("Details of person #%(person)s corrected"))
ERASED = define("patrons.person_erased", Action.UPDATE, _("Identity of person #%(person)s erased"))
EXPORTED = define(
    "patrons.person_exported",
    Action.EXPORT,
    _("Everything held about person #%(person)s exported (%(format)s)"),
)
REQUEST_RECORDED = define(
    "patrons.rights_request_recorded",
    Action.CREATE,
    _("Rights request #%(request)s recorded (%(kind)s)"),
    choices={"kind": RightsRequestKind},
)
REQUEST_HANDLED = define(
    "patrons.rights_request_handled",
    Action.UPDATE,
    _("Rights request #%(request)s handled (%(kind)s): %(outcome)s"),
    choices={"kind": RightsRequestKind, "outcome": RightsRequestOutcome},
)


def list_viewed(*, actor):
    return audit_event(LIST_VIEWED, actor=actor)


def person_viewed(*, actor, person):
    return audit_event(VIEWED, actor=actor, obj=person, params={"person": person.pk})


def rights_requests_viewed(*, actor):
    return audit_event(REQUESTS_VIEWED, actor=actor)


def person_merged(*, actor, kept, removed_id: int, moved: dict[str, int], values_from_removed: list[str]):
    params = {"kept": kept.pk, "removed": removed_id, "links_moved": sum(moved.values())}
    # Which fields came from the merged record, never their values.
    changes = {name: ["", ""] for name in values_from_removed}
    return audit_event(MERGED, actor=actor, obj=kept, params=params, changes=changes)


def person_corrected(*, actor, person, fields: list[str]):
    changes = {name: ["", ""] for name in fields}
    return audit_event(CORRECTED, actor=actor, obj=person, params={"person": person.pk}, changes=changes)


def person_erased(*, actor, person):
    return audit_event(ERASED, actor=actor, obj=person, params={"person": person.pk})


def person_exported(*, actor, person, file_format: str):
    return audit_event(EXPORTED, actor=actor, obj=person, params={"person": person.pk, "format": file_format})


def rights_request_recorded(*, actor, request):
    return audit_event(
        REQUEST_RECORDED, actor=actor, obj=request, params={"request": request.pk, "kind": request.kind}
    )


def rights_request_handled(*, actor, request):
    params = {"request": request.pk, "kind": request.kind, "outcome": request.outcome}
    return audit_event(REQUEST_HANDLED, actor=actor, obj=request, params=params)
