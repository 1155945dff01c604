from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts.models import Role
from patroncare.core.shell import DeskItem, DeskSection, register_desk_section

from . import selectors
from .permissions import can_manage_holds


def holds_to_review(user) -> list[DeskItem]:
    if not can_manage_holds(user):
        return []
    due = [line for line in selectors.holds_of(system=user.library_system) if line.review_due]
    return [
        DeskItem(
            title=_("Review the legal hold on %(kind)s %(reference)s")
            % {"kind": line.kind_label, "reference": line.reference},
            url=reverse("retention:holds"),
            detail=_("Review date: %(day)s") % {"day": date_format(line.hold.review_on, "DATE_FORMAT")},
            overdue=True,
        )
        for line in due
    ]


register_desk_section(
    DeskSection(
        key="retention-holds-review",
        title=gettext_lazy("Legal holds to review"),
        items_for=holds_to_review,
        # Directors hold the supervisor role for the whole system; the predicate decides the rest.
        roles=frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
        order=85,
        link_url_name="retention:holds",
        link_label=gettext_lazy("Legal holds"),
        hide_when_empty=True,
    )
)
