"""Audit events: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit import labels
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

DRAFT_SAVED = define(
    "training.draft_saved", Action.CREATE, _("Scenario draft saved: %(slug)s (%(language)s) v%(number)s")
)
DRAFT_RESAVED = define(
    "training.draft_resaved",
    Action.UPDATE,
    _("Scenario draft saved again: %(slug)s (%(language)s) v%(number)s"),
)
DRAFT_EDITED = define(
    "training.draft_edited", Action.UPDATE, _("Scenario draft edited: %(slug)s v%(number)s")
)
VERSION_STARTED = define(
    "training.version_started", Action.CREATE, _("New version started: %(slug)s v%(number)s")
)
PUBLISHED = define("training.published", Action.UPDATE, _("Scenario published: %(slug)s v%(number)s"))
EXPORTED = define("training.exported", Action.EXPORT, _("Scenario exported: %(slug)s v%(number)s"))
ASSIGNED = define(
    "training.assigned", Action.CREATE, _("Practice assigned to staff member #%(assignee)s, due %(due)s")
)
ASSIGNMENT_CANCELLED = define(
    "training.assignment_cancelled", Action.DELETE, _("Practice assignment cancelled")
)
SESSION_STARTED = define(
    "training.session_started", Action.CREATE, _("Group session started with %(count)s attendees")
)
SESSION_FINISHED = define("training.session_finished", Action.UPDATE, _("Group session finished"))
RECORDS_VIEWED = define("training.records_viewed", Action.VIEW, _("Viewed a person's practice records"))
ANSWERS_VIEWED = define("training.answers_viewed", Action.VIEW, _("Viewed a person's practice answers"))
RECORDS_EXPORTED = define(
    "training.records_exported", Action.EXPORT, _("Practice records CSV (%(count)s rows)")
)


def draft_saved(*, actor, draft, doc, created: bool):
    if not created:
        return audit_event(
            DRAFT_RESAVED,
            actor=actor,
            obj=draft,
            params={"slug": doc.slug, "language": doc.language, "number": draft.number},
        )
    return audit_event(
        DRAFT_SAVED,
        actor=actor,
        obj=draft,
        params={"slug": doc.slug, "language": doc.language, "number": draft.number},
    )


def draft_resaved(*, actor, draft, doc):
    return audit_event(
        DRAFT_RESAVED,
        actor=actor,
        obj=draft,
        params={"slug": doc.slug, "language": doc.language, "number": draft.number},
    )


def draft_edited(*, actor, version, doc):
    return audit_event(
        DRAFT_EDITED, actor=actor, obj=version, params={"slug": doc.slug, "number": version.number}
    )


def version_started(*, actor, draft, scenario):
    return audit_event(
        VERSION_STARTED, actor=actor, obj=draft, params={"slug": scenario.slug, "number": draft.number}
    )


def published(*, actor, version):
    return audit_event(
        PUBLISHED, actor=actor, obj=version, params={"slug": version.scenario.slug, "number": version.number}
    )


def exported(*, actor, version):
    return audit_event(
        EXPORTED, actor=actor, obj=version, params={"slug": version.scenario.slug, "number": version.number}
    )


def assigned(*, actor, assignment):
    return audit_event(
        ASSIGNED,
        actor=actor,
        obj=assignment,
        params={"assignee": assignment.assignee_id, "due": assignment.due_date},
    )


def assignment_cancelled(*, actor, assignment):
    return audit_event(ASSIGNMENT_CANCELLED, actor=actor, obj=assignment)


def session_started(*, actor, session, attendees):
    return audit_event(SESSION_STARTED, actor=actor, obj=session, params={"count": len(attendees)})


def session_finished(*, actor, session):
    return audit_event(SESSION_FINISHED, actor=actor, obj=session)


def records_viewed(*, actor, person):
    return audit_event(RECORDS_VIEWED, actor=actor, obj=person)


def answers_viewed(*, actor, play):
    return audit_event(ANSWERS_VIEWED, actor=actor, obj=play)


def records_exported(*, actor, count: int):
    return audit_event(RECORDS_EXPORTED, actor=actor, params={"count": count})


# Labels never show who a record belongs to: the staff member is the record's own concern, not the trail's.
labels.register_model("training.assignment", label=lambda a: _("Assignment #%(id)s") % {"id": a.pk})
labels.register_model("training.play", label=lambda p: _("Practice run #%(id)s") % {"id": p.pk})
