from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.libraries.calendar import today_in
from patroncare.mailbox.registry import register_source
from patroncare.notifications.registry import NotificationKind, register_kind
from patroncare.training.material import PracticeSource, register_practice_source

from . import events, selectors
from .mailbox import SOURCE as MAILBOX_SOURCE


def _wall_clock(case):
    """The next deadline as the library's wall-clock time.

    The desk renders times in the active time zone, which is the server's; a deadline is the end of a working
    day in the library's own zone, so it is handed over as that local time (without zone) to read correctly.
    """
    due = case.next_due_at
    return timezone.localtime(due, case.system.zone).replace(tzinfo=None) if due else None


def _item(case, now, detail=""):
    return DeskItem(
        title=f"{case.reference} · {case.title}",
        url=reverse("complaints:detail", args=[case.pk]),
        detail=detail or (case.branch.name if case.branch else ""),
        due_at=_wall_clock(case),
        overdue=bool(case.overdue_at(now)),
        urgent=case.severity == "critical",
    )


def due_items(user) -> list[DeskItem]:
    now = timezone.now()
    return [
        _item(
            case,
            now,
            detail=_("%(branch)s · owner: %(name)s")
            % {"branch": case.branch.name if case.branch else "—", "name": case.owner or "—"},
        )
        for case in selectors.due_for(user=user)
    ]


def triage_items(user) -> list[DeskItem]:
    now = timezone.now()
    return [_item(case, now) for case in selectors.to_triage_for(user=user)]


def praise_items(user) -> list[DeskItem]:
    now = timezone.now()
    return [_item(case, now) for case in selectors.praise_for(user=user)]


def critical_items(user) -> list[DeskItem]:
    now = timezone.now()
    return [_item(case, now) for case in selectors.critical_open(user=user)]


def action_items(user) -> list[DeskItem]:
    """The actions the user promised: overdue (earliest due) first, each linking to its case."""
    items = []
    for action in selectors.actions_promised_by(user=user):
        case = action.complaint
        today = today_in(case.system)
        due = datetime.combine(action.due_date, time(23, 59)) if action.due_date else None
        items.append(
            DeskItem(
                title=f"{case.reference} · {action.description}",
                url=reverse("complaints:detail", args=[case.pk]) + "#case-actions",
                detail=case.branch.name if case.branch else "",
                due_at=due,
                overdue=action.is_overdue(today),
            )
        )
    return items


def pattern_items(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=pattern.label,
            url=reverse("complaints:patterns"),
            detail=_("%(count)s cases in the window") % {"count": pattern.count},
        )
        for pattern in selectors.patterns_for(user=user)
    ]


def statement_items(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=statement.text_in()[0],
            url=reverse("complaints:statement_detail", args=[statement.pk]),
            detail=step,
        )
        for statement, step in selectors.statements_waiting_for(user=user)
    ]


CASE_ROLES = roles.CASE_HANDLERS
OVERSIGHT = roles.OVERSIGHT

register_nav(
    NavEntry(
        key="complaints",
        label=gettext_lazy("Complaints"),
        url_name="complaints:list",
        roles=CASE_ROLES,
        order=10,
    )
)
register_nav(
    NavEntry(
        key="complaint-figures",
        label=gettext_lazy("Complaint figures"),
        url_name="complaints:figures",
        roles=roles.TRUSTEES,
        order=11,
    )
)
register_nav(
    NavEntry(
        key="complaint-settings",
        label=gettext_lazy("Complaint settings"),
        url_name="complaints:settings",
        roles=roles.ADMINISTRATORS,
        order=905,
    )
)
register_desk_section(
    DeskSection(
        key="complaints-due",
        title=gettext_lazy("Complaints due or overdue"),
        items_for=due_items,
        roles=CASE_ROLES,
        order=10,
        empty_text=gettext_lazy("No complaint of yours is due in the next three days."),
        link_url_name="complaints:create",
        link_label=gettext_lazy("Record a complaint"),
    )
)
register_desk_section(
    DeskSection(
        key="complaints-triage",
        title=gettext_lazy("Complaints to triage"),
        items_for=triage_items,
        roles=CASE_ROLES,
        order=9,
        empty_text=gettext_lazy("No complaint is waiting for triage."),
        link_url_name="complaints:list",
        link_label=gettext_lazy("The intake queue"),
        link_query="view=triage",
    )
)
register_desk_section(
    DeskSection(
        key="complaints-actions",
        title=gettext_lazy("Actions you promised"),
        items_for=action_items,
        roles=CASE_ROLES,
        order=12,
        empty_text=gettext_lazy("No action promised to a patron is waiting for you."),
    )
)
register_desk_section(
    DeskSection(
        key="complaints-praise",
        title=gettext_lazy("Praise for you"),
        items_for=praise_items,
        roles=CASE_ROLES,
        order=40,
        empty_text=gettext_lazy("No praise passed on to you in the last three months."),
    )
)
register_desk_section(
    DeskSection(
        key="complaints-critical",
        title=gettext_lazy("Critical complaints"),
        items_for=critical_items,
        roles=OVERSIGHT,
        order=11,
        empty_text=gettext_lazy("No critical complaint is open."),
    )
)
register_desk_section(
    DeskSection(
        key="complaints-patterns",
        title=gettext_lazy("Recurring patterns"),
        items_for=pattern_items,
        roles=OVERSIGHT,
        order=13,
        empty_text=gettext_lazy("No recurring pattern in the window."),
        link_url_name="complaints:patterns",
        link_label=gettext_lazy("All patterns"),
    )
)
register_desk_section(
    DeskSection(
        key="complaints-statements",
        title=gettext_lazy("Public statements waiting for you"),
        items_for=statement_items,
        roles=roles.OVERSIGHT | roles.TRUSTEES,
        order=14,
        empty_text=gettext_lazy("No public statement is waiting for you."),
        link_url_name="complaints:statements",
        link_label=gettext_lazy("All public statements"),
    )
)


register_kind(
    NotificationKind("complaints.new_case", gettext_lazy("A new complaint is yours"), order=10),
    NotificationKind("complaints.assigned", gettext_lazy("A complaint was passed to you"), order=11),
    NotificationKind(
        "complaints.critical", gettext_lazy("A critical complaint came in"), always_immediate=True, order=12
    ),
    NotificationKind("complaints.review", gettext_lazy("A patron asked for a review"), order=13),
    NotificationKind("complaints.patron_reply", gettext_lazy("A patron wrote on a case"), order=14),
    NotificationKind("complaints.praise", gettext_lazy("A patron praised you"), order=15),
    NotificationKind(
        "complaints.deadline_soon", gettext_lazy("A deadline of yours is within one working day"), order=16
    ),
    NotificationKind("complaints.deadline_passed", gettext_lazy("A deadline of yours has passed"), order=17),
    NotificationKind(
        "complaints.statement_approval",
        gettext_lazy("A public statement waits for your approval, or a trustee objected to one"),
        order=18,
    ),
    NotificationKind(
        "complaints.statement_trustees",
        gettext_lazy("A public statement waits for a trustee's review"),
        order=19,
    ),
    NotificationKind(
        "complaints.statement_ready", gettext_lazy("A public statement is ready to publish"), order=20
    ),
    NotificationKind(
        "complaints.bounce", gettext_lazy("An e-mail to a patron of yours was not delivered"), order=21
    ),
)

# A patron's e-mail reply reaches its case; mail to the library's address starts one.
register_source(MAILBOX_SOURCE)

register_practice_source(
    PracticeSource(
        key="complaint",
        closed_for=selectors.closed_complaints_for_practice,
        material_for=selectors.complaint_practice_material,
        audit_read=events.practice_material_read,
    )
)
