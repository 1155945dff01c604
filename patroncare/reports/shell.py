"""The dashboard and board reports in the navigation; the board report and annual figures on the desk."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.accounts.models import Role
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.notifications.registry import NotificationKind, register_kind

from . import permissions
from .models import BoardReportReading, ReportStatus
from .notices import REPORT_APPROVED

register_nav(
    NavEntry(
        key="reports",
        label=gettext_lazy("Dashboard"),
        url_name="reports:dashboard",
        roles=frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR, Role.TRUSTEE}),
        order=60,
    )
)
register_nav(
    NavEntry(
        key="board-reports",
        label=gettext_lazy("Board reports"),
        url_name="reports:board_reports",
        roles=frozenset({Role.ADMINISTRATOR, Role.TRUSTEE}),
        order=61,
    )
)


def board_report_items(user) -> list[DeskItem]:
    """Trustees: the latest approved report and whether they read it. The director: drafts to finish."""
    from .selectors import board_reports_visible_to

    items = []
    reports = board_reports_visible_to(user=user)
    if permissions.can_manage_board_reports(user):
        for report in reports.filter(status=ReportStatus.DRAFT)[:5]:
            items.append(
                DeskItem(
                    title=_("Board report %(period)s") % {"period": report.period_label},
                    url=reverse("reports:board_report", args=[report.pk]),
                    detail=_("Draft: to finish and approve"),
                )
            )
    latest = reports.filter(status=ReportStatus.APPROVED).order_by("-approved_at").first()
    if latest is not None:
        read = BoardReportReading.objects.filter(report=latest, reader=user).exists()
        items.append(
            DeskItem(
                title=_("Board report %(period)s") % {"period": latest.period_label},
                url=reverse("reports:board_report", args=[latest.pk]),
                detail=_("You have read it") if read else _("Approved: not yet read by you"),
                urgent=not read and permissions.can_confirm_reading(user),
            )
        )
    return items


def annual_figures_items(user) -> list[DeskItem]:
    from .selectors import published_annual_reports

    return [
        DeskItem(
            title=_("What we heard and what we changed in %(year)s") % {"year": report.year},
            url=reverse("public_figures:year", args=[report.year]),
            detail=_("Published on the notices page"),
        )
        for report in published_annual_reports(system=user.library_system)[:3]
    ]


register_desk_section(
    DeskSection(
        key="board-reports",
        title=gettext_lazy("Board report"),
        items_for=board_report_items,
        roles=roles.TRUSTEES | roles.ADMINISTRATORS,
        order=13,
        empty_text=gettext_lazy("No approved board report yet."),
        link_url_name="reports:board_reports",
        link_label=gettext_lazy("All board reports"),
    )
)
register_desk_section(
    DeskSection(
        key="annual-figures",
        title=gettext_lazy("Annual figures"),
        items_for=annual_figures_items,
        roles=roles.TRUSTEES,
        order=15,
        empty_text=gettext_lazy("No annual figures published yet."),
        link_url_name="public_figures:list",
        link_label=gettext_lazy("The public page"),
    )
)

register_kind(
    NotificationKind(
        REPORT_APPROVED, gettext_lazy("A board report was approved and waits for you to read it"), order=90
    )
)
