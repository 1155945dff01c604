from django.urls import reverse
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav

from . import selectors


def desk_playbooks(user) -> list[DeskItem]:
    """The playbooks pinned to the desk: one tap from the desk page (one query)."""
    return [
        DeskItem(
            title=text.title, url=reverse("guidance:playbook", args=[text.playbook.slug]), detail=text.summary
        )
        for text in selectors.desk_playbook_texts(user=user)
    ]


register_nav(
    NavEntry(
        key="guidance",
        label=gettext_lazy("Desk guidance"),
        url_name="guidance:index",
        roles=frozenset(STAFF_ROLES),
        order=5,
    )
)
register_desk_section(
    DeskSection(
        key="guidance",
        title=gettext_lazy("Hard moments: what to do"),
        items_for=desk_playbooks,
        roles=frozenset(STAFF_ROLES),
        order=5,
        empty_text=gettext_lazy("No playbook is pinned to the desk."),
        link_url_name="guidance:index",
        link_label=gettext_lazy("All playbooks"),
    )
)
