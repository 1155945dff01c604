"""Audit events of the directory: codes and non-personal values only; the trail renders them when read.

A referral itself is not audited: the log is an anonymous tally, and an audit row would tie a member of
staff and a moment to it, which is enough to point at the person who was helped.
"""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

RESOURCE_ADDED = define("referrals.resource_added", Action.CREATE, _("Community resource added"))
RESOURCE_CHANGED = define("referrals.resource_changed", Action.UPDATE, _("Community resource changed"))
RESOURCE_VERIFIED = define("referrals.resource_verified", Action.UPDATE, _("Community resource verified"))
DIRECTORY_IMPORTED = define(
    "referrals.directory_imported",
    Action.CREATE,
    _("Directory imported (HSDS): %(created)s added, %(updated)s updated"),
)
DIRECTORY_EXPORTED = define(
    "referrals.directory_exported", Action.EXPORT, _("Directory exported (HSDS): %(count)s services")
)
SETTINGS_CHANGED = define("referrals.settings_changed", Action.UPDATE, _("Crisis line changed"))


def resource_added(*, actor, resource):
    return audit_event(RESOURCE_ADDED, actor=actor, obj=resource, library_system_id=resource.system_id)


def resource_changed(*, actor, resource, changes):
    return audit_event(
        RESOURCE_CHANGED, actor=actor, obj=resource, library_system_id=resource.system_id, changes=changes
    )


def resource_verified(*, actor, resource):
    return audit_event(RESOURCE_VERIFIED, actor=actor, obj=resource, library_system_id=resource.system_id)


def directory_imported(*, actor, system, created: int, updated: int):
    return audit_event(
        DIRECTORY_IMPORTED,
        actor=actor,
        library_system_id=system.pk,
        params={"created": created, "updated": updated},
    )


def directory_exported(*, actor, system, count: int):
    return audit_event(DIRECTORY_EXPORTED, actor=actor, library_system_id=system.pk, params={"count": count})


def settings_changed(*, actor, settings_record, changes):
    return audit_event(
        SETTINGS_CHANGED,
        actor=actor,
        obj=settings_record,
        library_system_id=settings_record.system_id,
        changes=changes,
    )
