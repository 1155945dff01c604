from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.libraries.calendar import today_in
from patroncare.notifications.registry import NotificationKind, register_kind
from patroncare.training.material import PracticeSource, register_practice_source

from . import events, selectors
from .permissions import REPORTING_ROLES


def dangerous_alerts(user) -> list[DeskItem]:
    """Alerts waiting for the user's acknowledgement first (urgent), then other recent dangerous incidents."""
    items = []
    for incident in selectors.desk_alerts(user=user)[:10]:
        title = _("%(level)s at %(branch)s: %(summary)s") % {
            "level": incident.get_level_display(),
            "branch": incident.branch.name,
            "summary": incident.summary,
        }
        zone = user.library_system.zone
        happened = _("Happened %(time)s") % {
            "time": date_format(localtime(incident.occurred_at, zone), "SHORT_DATETIME_FORMAT")
        }
        if incident.awaiting:
            status = _("Alert sent to you. Open it and say you have seen it.")
        elif incident.my_acknowledged_at:
            status = _("You acknowledged this at %(time)s") % {
                "time": date_format(localtime(incident.my_acknowledged_at, zone), "SHORT_DATETIME_FORMAT")
            }
        else:
            status = ""
        # The time it happened is not a deadline: it goes in the detail, not in `due_at` ("Due ...").
        detail = f"{happened} · {status}" if status else happened
        items.append(
            DeskItem(
                title=title,
                url=reverse("incidents:detail", args=[incident.pk]) + ("#alert" if incident.awaiting else ""),
                detail=detail,
                urgent=bool(incident.awaiting) or incident.my_alert_sent_at is None,
            )
        )
    return items


def follow_ups_assigned(user) -> list[DeskItem]:
    """Open follow-ups assigned to the user, soonest due first; overdue ones are urgent. One query."""
    today = today_in(user.library_system)
    items = []
    for follow_up in selectors.follow_ups_assigned_to(user=user)[:10]:
        overdue = follow_up.is_overdue(today)
        due = (
            _("Due by %(day)s") % {"day": date_format(follow_up.due_on, "DATE_FORMAT")}
            if follow_up.due_on
            else _("No due date")
        )
        items.append(
            DeskItem(
                title=_("Follow-up on incident #%(n)s: %(task)s")
                % {"n": follow_up.incident_id, "task": follow_up.description},
                url=reverse("incidents:follow_up", args=[follow_up.pk]),
                detail=f"{follow_up.incident.branch.name} · {due}",
                overdue=overdue,
                urgent=overdue,
            )
        )
    return items


def aftercare_due(user) -> list[DeskItem]:
    items = [
        DeskItem(
            title=_("Well-being check-in after incident #%(n)s") % {"n": checkin.incident_id},
            url=reverse("incidents:checkin", args=[checkin.pk]),
            detail=_("Private: only you see your answers."),
        )
        for checkin in selectors.checkins_due(user=user).order_by("due_on")[:10]
    ]
    items += (
        [
            DeskItem(
                title=_("Debrief incident #%(n)s at %(branch)s")
                % {"n": debrief.incident_id, "branch": debrief.incident.branch.name},
                url=reverse("incidents:detail", args=[debrief.incident_id]),
                detail=_("Due by %(day)s") % {"day": date_format(debrief.due_on, "DATE_FORMAT")},
            )
            for debrief in selectors.debriefs_due(user=user).order_by("due_on")[:10]
        ]
        if has_any_role(user, [Role.SUPERVISOR])
        else []
    )
    return items


register_nav(
    NavEntry(
        key="incidents",
        label=gettext_lazy("Incidents"),
        url_name="incidents:list",
        roles=REPORTING_ROLES,
        order=20,
    )
)
register_desk_section(
    DeskSection(
        key="incident-alerts",
        title=gettext_lazy("Dangerous incidents, last 3 days"),
        items_for=dangerous_alerts,
        roles=roles.SAFETY_WATCH,
        order=20,
        empty_text=gettext_lazy("No dangerous incidents at your branches."),
        link_url_name="incidents:list",
        link_label=gettext_lazy("All incidents"),
    )
)
register_desk_section(
    DeskSection(
        key="incident-follow-ups",
        title=gettext_lazy("Follow-ups assigned to you"),
        items_for=follow_ups_assigned,
        roles=REPORTING_ROLES,
        order=21,
        empty_text=gettext_lazy("No follow-ups waiting for you."),
    )
)
register_desk_section(
    DeskSection(
        key="incident-aftercare",
        title=gettext_lazy("Debriefs and check-ins"),
        items_for=aftercare_due,
        roles=roles.ON_THE_FLOOR,
        order=22,
        empty_text=gettext_lazy("Nothing waiting."),
        link_url_name="incidents:report",
        link_label=gettext_lazy("Report an incident"),
    )
)

register_practice_source(
    PracticeSource(
        key="incident",
        closed_for=selectors.closed_incidents_for_practice,
        material_for=selectors.incident_practice_material,
        audit_read=events.practice_material_read,
    )
)

register_kind(
    NotificationKind(
        "incidents.alert", gettext_lazy("A dangerous incident was reported"), always_immediate=True, order=1
    ),
    NotificationKind(
        "incidents.escalation",
        gettext_lazy("Nobody acknowledged a dangerous-incident alert"),
        always_immediate=True,
        order=2,
    ),
    NotificationKind("incidents.follow_up", gettext_lazy("A follow-up of an incident is yours"), order=50),
    NotificationKind("incidents.debrief_due", gettext_lazy("A debrief of an incident is due"), order=51),
    NotificationKind("incidents.checkin_due", gettext_lazy("A well-being check-in waits for you"), order=52),
)
