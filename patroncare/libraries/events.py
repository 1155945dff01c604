"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

SYSTEM_CHANGED = define("libraries.system_changed", Action.UPDATE, _("Library system settings changed"))
BRANCH_ADDED = define("libraries.branch_added", Action.CREATE, _("Branch added"))
BRANCH_CHANGED = define("libraries.branch_changed", Action.UPDATE, _("Branch changed"))
LOCATION_ADDED = define("libraries.location_added", Action.CREATE, _("Location added to branch #%(branch)s"))
LOCATION_CHANGED = define("libraries.location_changed", Action.UPDATE, _("Location changed"))
CLOSURE_ADDED = define("libraries.closure_added", Action.CREATE, _("Closure %(start)s to %(end)s"))
CLOSURE_REMOVED = define(
    "libraries.closure_removed", Action.DELETE, _("Closure %(start)s to %(end)s removed")
)
HOLIDAY_ADDED = define("libraries.holiday_added", Action.CREATE, _("Holiday added"))
HOLIDAY_REMOVED = define("libraries.holiday_removed", Action.DELETE, _("Holiday removed"))


def system_changed(*, actor, system, changes):
    return audit_event(SYSTEM_CHANGED, actor=actor, obj=system, changes=changes)


def branch_added(*, actor, branch):
    return audit_event(BRANCH_ADDED, actor=actor, obj=branch)


def branch_changed(*, actor, branch, changes):
    return audit_event(BRANCH_CHANGED, actor=actor, obj=branch, changes=changes)


def location_added(*, actor, location):
    return audit_event(LOCATION_ADDED, actor=actor, obj=location, params={"branch": location.branch_id})


def location_changed(*, actor, location, changes):
    return audit_event(LOCATION_CHANGED, actor=actor, obj=location, changes=changes)


def closure_added(*, actor, closure):
    return audit_event(
        CLOSURE_ADDED, actor=actor, obj=closure, params={"start": closure.start_date, "end": closure.end_date}
    )


def closure_removed(*, actor, closure):
    return audit_event(
        CLOSURE_REMOVED,
        actor=actor,
        obj=closure,
        params={"start": closure.start_date, "end": closure.end_date},
    )


def holiday_added(*, actor, holiday):
    return audit_event(HOLIDAY_ADDED, actor=actor, obj=holiday)


def holiday_removed(*, actor, holiday):
    return audit_event(HOLIDAY_REMOVED, actor=actor, obj=holiday)
