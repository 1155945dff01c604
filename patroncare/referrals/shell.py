from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import STAFF_ROLES
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav

from . import selectors


def desk_needs(user) -> list[DeskItem]:
    """ "Find help" on the desk: one tap per need, the second opens the resource (one query)."""
    url = reverse("referrals:find")
    return [
        DeskItem(title=category.name, url=f"{url}?need={category.slug}")
        for category in selectors.categories(user=user)
    ]


def desk_to_verify(user) -> list[DeskItem]:
    """The entries this person keeps that are due for verification (one query)."""
    return [
        DeskItem(
            title=_("Verify: %(resource)s") % {"resource": resource.name},
            url=reverse("referrals:resource", args=[resource.pk]),
            detail=resource.organisation,
            urgent=True,
        )
        for resource in selectors.stale_for_owner(user=user)
    ]


register_nav(
    NavEntry(
        key="referrals",
        label=gettext_lazy("Find help"),
        url_name="referrals:find",
        roles=frozenset(STAFF_ROLES),
        order=6,
    )
)
register_desk_section(
    DeskSection(
        key="referrals-find-help",
        title=gettext_lazy("Find help"),
        items_for=desk_needs,
        roles=frozenset(STAFF_ROLES),
        order=6,
        empty_text=gettext_lazy("The community directory is empty."),
        link_url_name="referrals:find",
        link_label=gettext_lazy("Find help: every resource"),
    )
)
register_desk_section(
    DeskSection(
        key="referrals-to-verify",
        title=gettext_lazy("Community resources to verify"),
        items_for=desk_to_verify,
        roles=frozenset(STAFF_ROLES),
        order=60,
        hide_when_empty=True,
    )
)
