from django.urls import reverse
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.notifications.registry import NotificationKind, register_kind

from . import selectors, walk_selectors
from .notices import ROUND_OPEN


def desk_surveys(user) -> list[DeskItem]:
    """Open rounds that ask this person and that they have not answered."""
    return [
        DeskItem(title=round_.title, url=reverse("surveys:answer", args=[round_.pk]))
        for round_ in selectors.open_rounds_for(user=user)
    ]


def desk_walk_actions(user) -> list[DeskItem]:
    """Walk-through findings this person owns and has not closed, the earliest due first."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    today = walk_selectors.today_for(user)
    return [
        DeskItem(
            title=action.text,
            url=reverse("surveys:walk_detail", args=[action.walk_id]),
            detail=gettext("%(branch)s, due %(day)s")
            % {"branch": action.walk.branch.name, "day": date_format(action.due_on, "SHORT_DATE_FORMAT")},
            overdue=action.is_overdue(today),
        )
        for action in walk_selectors.open_actions_for(user=user)
    ]


register_nav(
    NavEntry(
        key="surveys",
        label=gettext_lazy("Staff survey"),
        url_name="surveys:index",
        roles=frozenset(STAFF_ROLES),
        order=80,
    )
)
register_desk_section(
    DeskSection(
        key="surveys-open",
        title=gettext_lazy("Staff survey: your answers are anonymous"),
        items_for=desk_surveys,
        roles=frozenset(STAFF_ROLES),
        order=70,
        hide_when_empty=True,
    )
)
register_kind(NotificationKind(ROUND_OPEN, gettext_lazy("A staff survey round asks you"), order=80))
register_desk_section(
    DeskSection(
        key="walk-actions",
        title=gettext_lazy("Walk-through actions for you"),
        items_for=desk_walk_actions,
        roles=frozenset(STAFF_ROLES),
        order=72,
        hide_when_empty=True,
        link_url_name="surveys:walks",
        link_label=gettext_lazy("Walk-throughs"),
    )
)
