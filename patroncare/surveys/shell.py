from django.urls import reverse
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.notifications.registry import NotificationKind, register_kind

from . import selectors
from .notices import ROUND_OPEN


def desk_surveys(user) -> list[DeskItem]:
    """Open rounds that ask this person and that they have not answered."""
    return [
        DeskItem(title=round_.title, url=reverse("surveys:answer", args=[round_.pk]))
        for round_ in selectors.open_rounds_for(user=user)
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
