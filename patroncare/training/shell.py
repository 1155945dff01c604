from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.libraries.calendar import today_in
from patroncare.notifications.registry import NotificationKind, register_kind

from . import selectors


def my_assignments(user) -> list[DeskItem]:
    today = today_in(user.library_system)
    return [
        DeskItem(
            title=a.title or a.scenario.slug,
            url=reverse("training:assignments"),
            detail=_("Due %(date)s") % {"date": date_format(a.due_date, "DATE_FORMAT")},
            overdue=a.due_date < today,
            urgent=a.due_date == today,
        )
        for a in selectors.my_open_assignments(user=user)
    ]


def overdue_of_my_people(user) -> list[DeskItem]:
    today = today_in(user.library_system)
    return [
        DeskItem(
            title=_("%(person)s: %(scenario)s")
            % {"person": a.assignee.full_name, "scenario": a.title or a.scenario.slug},
            url=reverse("training:person_records", args=[a.assignee_id]),
            detail=_("Was due %(date)s") % {"date": date_format(a.due_date, "DATE_FORMAT")},
            overdue=True,
        )
        for a in selectors.overdue_assigned_by(user=user, today=today)
    ]


register_nav(
    NavEntry(
        key="practice",
        label=gettext_lazy("Practice"),
        url_name="training:library",
        roles=STAFF_ROLES,
        order=60,
    )
)
register_desk_section(
    DeskSection(
        key="practice-mine",
        title=gettext_lazy("Practice assigned to me"),
        items_for=my_assignments,
        roles=STAFF_ROLES,
        order=60,
        empty_text=gettext_lazy("No practice is assigned to you."),
        link_url_name="training:library",
        link_label=gettext_lazy("Practice room"),
    )
)
register_desk_section(
    DeskSection(
        key="practice-overdue",
        title=gettext_lazy("Overdue practice of people I assigned"),
        items_for=overdue_of_my_people,
        roles=roles.TRAINERS,
        order=61,
        empty_text=gettext_lazy("Nobody is behind on practice you assigned."),
        link_url_name="training:assignments",
        link_label=gettext_lazy("Assignments"),
    )
)

register_kind(
    NotificationKind("training.assigned", gettext_lazy("A practice scenario was assigned to you"), order=60),
)
