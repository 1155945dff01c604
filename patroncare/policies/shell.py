from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.libraries.calendar import today_in
from patroncare.notifications.registry import NotificationKind, register_kind

from . import selectors
from .permissions import ACKNOWLEDGING_ROLES, APPROVING_ROLES, READER_ROLES

DESK_LIMIT = 10


def exceptions_awaiting_me(user) -> list[DeskItem]:
    entries = selectors.exceptions_awaiting(user=user)[:DESK_LIMIT]
    return [
        DeskItem(
            title=_("%(policy)s at %(branch)s") % {"policy": entry.policy.title, "branch": entry.branch.name},
            url=reverse("policies:exception_detail", args=[entry.pk]),
            detail=entry.asked[:120],
            urgent=True,
        )
        for entry in entries
    ]


def policies_to_acknowledge(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=policy.title,
            url=reverse("policies:detail", args=[policy.pk]),
            detail=_("Version %(number)s to read and acknowledge") % {"number": policy.current_number},
        )
        for policy in selectors.policies_to_acknowledge(user=user)[:DESK_LIMIT]
    ]


def reviews_due(user) -> list[DeskItem]:
    today = today_in(user.library_system)
    return [
        DeskItem(
            title=policy.title,
            url=reverse("policies:detail", args=[policy.pk]),
            detail=(
                _("Review in progress")
                if policy.in_review
                else _("Review due %(date)s") % {"date": date_format(policy.next_review_on, "DATE_FORMAT")}
            ),
            overdue=not policy.in_review and policy.next_review_on < today,
        )
        for policy in selectors.reviews_due(user=user, today=today)[:DESK_LIMIT]
    ]


register_nav(
    NavEntry(
        key="policies",
        label=gettext_lazy("Policies"),
        url_name="policies:list",
        roles=frozenset(READER_ROLES),
        order=40,
    )
)
register_desk_section(
    DeskSection(
        key="policy-exceptions-awaiting",
        title=gettext_lazy("Exceptions awaiting your approval"),
        items_for=exceptions_awaiting_me,
        roles=frozenset(APPROVING_ROLES),
        order=40,
        empty_text=gettext_lazy("No exception is waiting for you."),
        link_url_name="policies:exceptions",
        link_label=gettext_lazy("Exceptions log"),
    )
)
register_desk_section(
    DeskSection(
        key="policy-acknowledge",
        title=gettext_lazy("Policies to acknowledge"),
        items_for=policies_to_acknowledge,
        roles=frozenset(ACKNOWLEDGING_ROLES),
        order=41,
        empty_text=gettext_lazy("You are up to date with every policy."),
        link_url_name="policies:list",
        link_label=gettext_lazy("Policy library"),
    )
)
register_desk_section(
    DeskSection(
        key="policy-reviews-due",
        title=gettext_lazy("Policy reviews due"),
        items_for=reviews_due,
        roles=roles.ADMINISTRATORS,
        order=42,
        empty_text=gettext_lazy("No policy review is due."),
        link_url_name="policies:reviews",
        link_label=gettext_lazy("Reviews"),
    )
)

register_kind(
    NotificationKind(
        "policies.exception_to_approve", gettext_lazy("An exception to a firm policy waits for you"), order=30
    ),
)
