"""Audit events of surveys. Answering is not audited: an audit row would tie a person to a moment."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

ROUND_STARTED = define("surveys.round_started", Action.CREATE, _("Staff survey round started"))


def round_started(*, actor, round_):
    return audit_event(ROUND_STARTED, actor=actor, obj=round_, library_system_id=round_.system_id)


WALK_STARTED = define("surveys.walk_started", Action.CREATE, _("Walk-through started"))
WALK_FINISHED = define("surveys.walk_finished", Action.UPDATE, _("Walk-through finished"))
WALK_ACTION_CREATED = define("surveys.walk_action_created", Action.CREATE, _("Walk-through action given"))
WALK_ACTION_DONE = define("surveys.walk_action_done", Action.UPDATE, _("Walk-through action done"))
CHECKPOINT_CHANGED = define("surveys.checkpoint_changed", Action.UPDATE, _("Walk-through checklist changed"))


def walk_started(*, actor, walk):
    return audit_event(WALK_STARTED, actor=actor, obj=walk, library_system_id=walk.system_id)


def walk_finished(*, actor, walk):
    return audit_event(WALK_FINISHED, actor=actor, obj=walk, library_system_id=walk.system_id)


def walk_action_created(*, actor, action):
    return audit_event(
        WALK_ACTION_CREATED,
        actor=actor,
        obj=action,
        params={"due": action.due_on.isoformat()},
        library_system_id=action.walk.system_id,
    )


def walk_action_done(*, actor, action):
    return audit_event(WALK_ACTION_DONE, actor=actor, obj=action, library_system_id=action.walk.system_id)


def checkpoint_changed(*, actor, point):
    return audit_event(CHECKPOINT_CHANGED, actor=actor, obj=point, library_system_id=point.system_id)
