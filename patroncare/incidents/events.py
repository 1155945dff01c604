"""Audit events of incidents: codes and non-personal values only; the trail renders them when read."""

from django.utils.translation import gettext_lazy as _

from patroncare.audit import labels
from patroncare.audit.events import define
from patroncare.audit.models import AuditAction as Action
from patroncare.audit.services import audit_event

from .models import Incident, Level

ALERT_ESCALATION = "alert escalation"

VIEWED = define("incidents.viewed", Action.VIEW, _("Incident report viewed"))
LIST_VIEWED = define("incidents.list_viewed", Action.VIEW, _("Incident list viewed"))
ATTACHMENT_OPENED = define("incidents.attachment_opened", Action.VIEW, _("Attachment #%(attachment)s opened"))
PRACTICE_MATERIAL_READ = define(
    "incidents.practice_material_read",
    Action.VIEW,
    _("Narrative used for a practice draft, identifying details removed"),
)
FOLLOW_UP_VIEWED = define("incidents.follow_up_viewed", Action.VIEW, _("Follow-up viewed"))
FOLLOW_UP_LIST_VIEWED = define("incidents.follow_up_list_viewed", Action.VIEW, _("Follow-up list viewed"))

REPORTED = define(
    "incidents.reported", Action.CREATE, _("Incident reported (%(level)s)"), choices={"level": Level}
)
DEBRIEF_RECORDED = define("incidents.debrief_recorded", Action.UPDATE, _("Debrief recorded"))
CHECKIN_ANSWERED = define("incidents.checkin_answered", Action.UPDATE, _("Well-being check-in answered"))
ALERT_ESCALATED = define(
    "incidents.alert_escalated", Action.UPDATE, _("Alert not acknowledged in time: escalated")
)
ALERT_ACKNOWLEDGED = define("incidents.alert_acknowledged", Action.UPDATE, _("Alert acknowledged"))
ALERT_SETTINGS_CHANGED = define(
    "incidents.alert_settings_changed", Action.UPDATE, _("Alert escalation time changed")
)
FOLLOW_UP_ADDED = define(
    "incidents.follow_up_added", Action.CREATE, _("Follow-up added to incident #%(incident)s")
)
FOLLOW_UP_ASSIGNED = define("incidents.follow_up_assigned", Action.UPDATE, _("Follow-up assigned"))
FOLLOW_UP_REASSIGNED = define("incidents.follow_up_reassigned", Action.UPDATE, _("Follow-up reassigned"))
FOLLOW_UP_DONE = define("incidents.follow_up_done", Action.UPDATE, _("Follow-up done"))
# Runs of the incidents' own schedule, before the retention schedule covered every record type: kept so the
# trail still reads its older lines.
RETENTION_RUN = define(
    "incidents.retention_run",
    Action.DELETE,
    _("Retention (%(mode)s): %(incidents)s incidents, %(exclusions)s exclusions"),
    choices={"mode": {"anonymise": _("Anonymise"), "purge": _("Delete")}},
)
RETENTION_INSTALLED = define(
    "incidents.retention_installed", Action.CREATE, _("Default incident retention schedule installed")
)
RETENTION_CHANGED = define(
    "incidents.retention_changed", Action.UPDATE, _("Incident retention schedule changed")
)


# Reads (called by the views that show them)


def incident_viewed(*, actor, incident):
    return audit_event(VIEWED, actor=actor, obj=incident)


def incident_list_viewed(*, actor):
    return audit_event(LIST_VIEWED, actor=actor)


def attachment_opened(*, actor, attachment):
    params = {"attachment": attachment.pk}
    return audit_event(ATTACHMENT_OPENED, actor=actor, obj=attachment.incident, params=params)


def practice_material_read(*, actor, pk: int):
    incident = Incident.objects.only("pk", "system_id").get(pk=pk)
    return audit_event(PRACTICE_MATERIAL_READ, actor=actor, obj=incident)


def follow_up_viewed(*, actor, follow_up):
    return audit_event(FOLLOW_UP_VIEWED, actor=actor, obj=follow_up)


def follow_up_list_viewed(*, actor):
    return audit_event(FOLLOW_UP_LIST_VIEWED, actor=actor)


# Writes


def incident_reported(*, actor, incident, level: str, behaviours, escalations):
    params = {"level": level, "behaviours": list(behaviours)}
    changes = {"escalated_exclusions": {"value": [exclusion.pk for exclusion in escalations]}}
    return audit_event(REPORTED, actor=actor, obj=incident, params=params, changes=changes)


def debrief_recorded(*, actor, incident):
    return audit_event(DEBRIEF_RECORDED, actor=actor, obj=incident)


def checkin_answered(*, actor, incident):
    # The answers themselves are private: the trail records only that they were given.
    return audit_event(CHECKIN_ANSWERED, actor=actor, obj=incident)


def alert_escalated(*, incident, recipients, alerted: int):
    changes = {"escalated_to": {"value": [user.pk for user in recipients]}, "alerted": alerted}
    return audit_event(ALERT_ESCALATED, obj=incident, actor_label=ALERT_ESCALATION, changes=changes)


def alert_acknowledged(*, actor, incident):
    return audit_event(ALERT_ACKNOWLEDGED, actor=actor, obj=incident)


def alert_settings_changed(*, actor, alert_settings, changes):
    return audit_event(ALERT_SETTINGS_CHANGED, actor=actor, obj=alert_settings, changes=changes)


def follow_up_added(*, actor, follow_up, incident, assignee, due_on):
    changes = {"assignee": assignee.pk if assignee else None, "due_on": str(due_on) if due_on else None}
    params = {"incident": incident.pk}
    return audit_event(FOLLOW_UP_ADDED, actor=actor, obj=follow_up, params=params, changes=changes)


def follow_up_assigned(*, actor, follow_up, reassigned: bool, changes):
    event = FOLLOW_UP_REASSIGNED if reassigned else FOLLOW_UP_ASSIGNED
    return audit_event(event, actor=actor, obj=follow_up, changes=changes)


def follow_up_done(*, actor, follow_up):
    return audit_event(FOLLOW_UP_DONE, actor=actor, obj=follow_up)


# Labels never use free text (an incident's summary, a follow-up's description may name someone).
labels.register_model(
    "incidents.incident",
    label=lambda incident: (
        _("Incident #%(id)s (%(level)s, %(day)s)")
        % {
            "id": incident.pk,
            "level": incident.get_level_display(),
            "day": f"{incident.occurred_at:%Y-%m-%d}",
        }
    ),
)
labels.register_model(
    "incidents.followup",
    label=lambda follow_up: (
        _("Follow-up #%(id)s of incident #%(incident)s")
        % {"id": follow_up.pk, "incident": follow_up.incident_id}
    ),
)
