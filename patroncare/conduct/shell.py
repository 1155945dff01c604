from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.libraries.calendar import working_day_deadlines
from patroncare.rulebook.selectors import appeal_settings_for

from . import selectors
from .permissions import BOARD_ROLES
from .selectors import rulebook_gaps_of


def decisions_waiting(user) -> list[DeskItem]:
    appeals, deviations, lifts = selectors.decisions_awaiting(user=user)
    settings = appeal_settings_for(user.library_system) if appeals or lifts else None
    waiting = [*appeals, *lifts]
    due_dates = (
        working_day_deadlines(
            system=user.library_system,
            received=[record.received_at for record in waiting],
            days=settings.decision_days,
        )
        if settings
        else []
    )
    deadlines = {id(record): due for record, due in zip(waiting, due_dates, strict=True)}
    items = []
    for appeal in appeals:
        due = deadlines[id(appeal)]
        items.append(
            DeskItem(
                title=_("Appeal of %(person)s's exclusion") % {"person": appeal.exclusion.person},
                url=reverse("conduct:appeal_decide", args=[appeal.exclusion_id, appeal.pk]),
                due_at=due,
                overdue=due < timezone.now(),
            )
        )
    for lift in lifts:
        due = deadlines[id(lift)]
        items.append(
            DeskItem(
                title=_("Request to lift %(person)s's permanent exclusion")
                % {"person": lift.exclusion.person},
                url=reverse("conduct:lift_request_decide", args=[lift.exclusion_id, lift.pk]),
                due_at=due,
                overdue=due < timezone.now(),
            )
        )
    items += [
        DeskItem(
            title=_("Approve or discuss: %(outcome)s for %(person)s")
            % {"outcome": exclusion.get_outcome_display(), "person": exclusion.person},
            url=reverse("conduct:exclusion_detail", args=[exclusion.pk]),
            detail=_("Not what the ladder recommends: %(reason)s")
            % {"reason": exclusion.deviation_reason[:120]},
            urgent=True,
        )
        for exclusion in deviations
    ]
    return items


def excluded_now(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=str(exclusion.person),
            detail=(exclusion.branch.name if exclusion.branch else _("Every branch"))
            + " · "
            + (
                _("until %(day)s") % {"day": exclusion.end_date.isoformat()}
                if exclusion.end_date
                else _("no end date")
            ),
            url=reverse("conduct:board"),
        )
        for exclusion in selectors.board_for(user=user)[:15]
    ]


def rulebook_gaps(user) -> list[DeskItem]:
    """What an administrator has still to set before staff can follow the library's rules and ladder."""
    gaps = rulebook_gaps_of(system_id=user.library_system_id)
    items = []
    if gaps.no_rules:
        items.append(
            DeskItem(
                title=_("No rules of conduct yet"),
                url=reverse("conduct:rules"),
                detail=_("Incidents cite them, and exclusion letters quote them."),
            )
        )
    if gaps.no_ladder:
        items.append(
            DeskItem(
                title=_("The consequence ladder has no rows"),
                url=reverse("conduct:ladder"),
                detail=_("Without it, every exclusion needs a reason and a supervisor's approval."),
            )
        )
    if gaps.no_limits:
        items.append(
            DeskItem(
                title=_("No exclusion limits are set for any role"),
                url=reverse("conduct:ladder") + "#limits",
                detail=_("Until they are, only the director can issue an exclusion."),
            )
        )
    if gaps.appeal_rules_unsaved:
        items.append(
            DeskItem(
                title=_("The appeal rules have never been saved"),
                url=reverse("conduct:appeal_settings"),
                detail=_("Check who decides, the deadlines and how to appeal, then save them."),
            )
        )
    if gaps.no_retention:
        items.append(
            DeskItem(
                title=_("No retention schedule for incident records"),
                url=reverse("incidents:retention"),
                detail=_("Choose how long records are kept."),
            )
        )
    return items


register_nav(
    NavEntry(
        key="exclusions",
        label=gettext_lazy("Exclusions"),
        url_name="conduct:board",
        roles=BOARD_ROLES,
        order=30,
    ),
    NavEntry(
        key="conduct-rules",
        label=gettext_lazy("Rules of conduct"),
        url_name="conduct:rules",
        roles=roles.TRAINERS,
        order=31,
    ),
)
register_desk_section(
    DeskSection(
        key="exclusion-decisions",
        title=gettext_lazy("Appeals, requests to lift and deviations awaiting your decision"),
        items_for=decisions_waiting,
        # Administrators' desks are at the platform's query budget; an administrator who decides appeals
        # finds them under Exclusions, filtered by "Under appeal".
        roles=roles.OVERSIGHT,
        order=30,
        empty_text=gettext_lazy("Nothing waiting for your decision."),
    )
)
register_desk_section(
    DeskSection(
        key="rulebook-setup",
        title=gettext_lazy("Rules, exclusions and retention still to set"),
        items_for=rulebook_gaps,
        roles=roles.ADMINISTRATORS,
        order=940,
        hide_when_empty=True,
    )
)
register_desk_section(
    DeskSection(
        key="excluded-now",
        title=gettext_lazy("Excluded now at your branches"),
        items_for=excluded_now,
        roles=roles.ON_THE_FLOOR,
        order=35,
        empty_text=gettext_lazy("No one is excluded today."),
        link_url_name="conduct:board",
        link_label=gettext_lazy("The board of current exclusions"),
    )
)
