from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts.models import Role
from patroncare.accounts.permissions import has_any_role
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav

from . import selectors
from .permissions import REPORTING_ROLES


def dangerous_alerts(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=_("%(level)s at %(branch)s: %(summary)s")
            % {
                "level": incident.get_level_display(),
                "branch": incident.branch.name,
                "summary": incident.summary,
            },
            url=reverse("incidents:detail", args=[incident.pk]),
            urgent=True,
            due_at=incident.occurred_at,
        )
        for incident in selectors.recent_dangerous(user=user).order_by("-occurred_at")[:10]
    ]


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
                detail=_("Due by %(day)s") % {"day": debrief.due_on.isoformat()},
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
        roles=frozenset({Role.SUPERVISOR, Role.SECURITY}),
        order=20,
        empty_text=gettext_lazy("No dangerous incidents at your branches."),
        link_url_name="incidents:list",
        link_label=gettext_lazy("All incidents"),
    )
)
register_desk_section(
    DeskSection(
        key="incident-aftercare",
        title=gettext_lazy("Debriefs and check-ins"),
        items_for=aftercare_due,
        roles=frozenset({Role.FRONTLINE, Role.SUPERVISOR, Role.SECURITY}),
        order=22,
        empty_text=gettext_lazy("Nothing waiting."),
        link_url_name="incidents:report",
        link_label=gettext_lazy("Report an incident"),
    )
)
