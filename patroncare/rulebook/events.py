"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

LIMITS_INSTALLED = define("rulebook.limits_installed", Action.CREATE, _("Default exclusion limits installed"))
CLASS_ADDED = define("rulebook.class_added", Action.CREATE, _("Behaviour class added"))
CLASS_CHANGED = define("rulebook.class_changed", Action.UPDATE, _("Behaviour class changed"))
CLASS_REMOVED = define("rulebook.class_removed", Action.DELETE, _("Behaviour class removed"))
RULE_ADDED = define("rulebook.rule_added", Action.CREATE, _("Rule of conduct added"))
RULE_CHANGED = define("rulebook.rule_changed", Action.UPDATE, _("Rule of conduct changed"))
STEP_ADDED = define("rulebook.step_added", Action.CREATE, _("Ladder step added"))
STEP_CHANGED = define("rulebook.step_changed", Action.UPDATE, _("Ladder step changed"))
STEP_REMOVED = define("rulebook.step_removed", Action.DELETE, _("Ladder step removed"))
LIMIT_CHANGED = define("rulebook.limit_changed", Action.UPDATE, _("Exclusion limit for a role changed"))
GROUP_ADDED = define("rulebook.group_added", Action.CREATE, _("Authority group added"))
GROUP_CHANGED = define("rulebook.group_changed", Action.UPDATE, _("Authority group changed"))
GROUP_REMOVED = define("rulebook.group_removed", Action.DELETE, _("Authority group removed"))
APPEAL_RULES_CHANGED = define("rulebook.appeal_rules_changed", Action.UPDATE, _("Appeal rules changed"))
LADDER_GRID_SAVED = define("rulebook.ladder_grid_saved", Action.UPDATE, _("Ladder entered as a table"))
LADDER_CSV_IMPORTED = define(
    "rulebook.ladder_csv_imported", Action.UPDATE, _("Ladder replaced from a CSV file")
)


def limits_installed(*, actor, system, roles):
    return audit_event(
        LIMITS_INSTALLED,
        actor=actor,
        obj=system,
        library_system_id=system.pk,
        changes={"roles": [None, sorted(roles)]},
    )


def class_added(*, actor, behaviour_class, system, changes):
    return audit_event(
        CLASS_ADDED, actor=actor, obj=behaviour_class, library_system_id=system.pk, changes=changes
    )


def class_changed(*, actor, behaviour_class, changes):
    return audit_event(CLASS_CHANGED, actor=actor, obj=behaviour_class, changes=changes)


def class_removed(*, actor, behaviour_class):
    return audit_event(
        CLASS_REMOVED, actor=actor, obj=behaviour_class, library_system_id=behaviour_class.system_id
    )


def rule_added(*, actor, rule, system):
    return audit_event(RULE_ADDED, actor=actor, obj=rule, library_system_id=system.pk)


def rule_changed(*, actor, rule, changes):
    return audit_event(RULE_CHANGED, actor=actor, obj=rule, changes=changes)


def step_added(*, actor, step, system, changes):
    return audit_event(STEP_ADDED, actor=actor, obj=step, library_system_id=system.pk, changes=changes)


def step_changed(*, actor, step, changes):
    return audit_event(STEP_CHANGED, actor=actor, obj=step, library_system_id=step.system_id, changes=changes)


def step_removed(*, actor, step):
    return audit_event(STEP_REMOVED, actor=actor, obj=step, library_system_id=step.system_id)


def limit_changed(*, actor, limit, system, changes):
    return audit_event(LIMIT_CHANGED, actor=actor, obj=limit, library_system_id=system.pk, changes=changes)


def group_added(*, actor, group, system, changes):
    return audit_event(GROUP_ADDED, actor=actor, obj=group, library_system_id=system.pk, changes=changes)


def group_changed(*, actor, group, changes):
    return audit_event(GROUP_CHANGED, actor=actor, obj=group, changes=changes)


def group_removed(*, actor, group, changes):
    return audit_event(
        GROUP_REMOVED, actor=actor, obj=group, library_system_id=group.system_id, changes=changes
    )


def appeal_rules_changed(*, actor, settings, changes):
    return audit_event(
        APPEAL_RULES_CHANGED, actor=actor, obj=settings, library_system_id=settings.system_id, changes=changes
    )


def ladder_grid_saved(*, actor, system, changes):
    return audit_event(
        LADDER_GRID_SAVED, actor=actor, obj=system, library_system_id=system.pk, changes=changes
    )


def ladder_csv_imported(*, actor, system, changes):
    return audit_event(
        LADDER_CSV_IMPORTED, actor=actor, obj=system, library_system_id=system.pk, changes=changes
    )
