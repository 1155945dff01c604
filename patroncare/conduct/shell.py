from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.core.shell import DeskItem, DeskSection, NavEntry, register_desk_section, register_nav
from patroncare.notifications.registry import NotificationKind, register_kind
from patroncare.rulebook.selectors import appeal_settings_for

from . import events, selectors
from .permissions import BOARD_ROLES
from .selectors import rulebook_gaps_of
from .state import appeal_deadlines, decision_deadlines


def decisions_waiting(user) -> list[DeskItem]:
    appeals, deviations, lifts = selectors.decisions_awaiting(user=user)
    settings = appeal_settings_for(user.library_system) if appeals or lifts else None
    waiting = [*appeals, *lifts]
    due_dates = decision_deadlines(waiting, settings, system=user.library_system) if settings else []
    deadlines = {id(record): due for record, due in zip(waiting, due_dates, strict=True)}
    items = []
    selectors.attach_hearings(appeals)
    now = timezone.now()
    for appeal in appeals:
        clocks = appeal_deadlines(appeal, settings, decide_by=deadlines[id(appeal)]).pending()
        items.append(
            DeskItem(
                title=_("Appeal of %(person)s's exclusion") % {"person": appeal.exclusion.person},
                url=reverse("conduct:appeal_decide", args=[appeal.exclusion_id, appeal.pk]),
                detail=" · ".join(
                    _deadline_words(clock, due) for clock, due in clocks if clock != "decision"
                ),
                due_at=clocks[0][1],
                overdue=clocks[0][1] < now,
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


def _deadline_words(clock: str, due) -> str:
    day = date_format(timezone.localtime(due, due.tzinfo), "DATE_FORMAT")
    if clock == "hearing":
        return _("hearing by %(day)s") % {"day": day}
    return _("documents to the person by %(day)s") % {"day": day}


def excluded_now(user) -> list[DeskItem]:
    return [
        DeskItem(
            title=str(exclusion.person),
            detail=(exclusion.branch.name if exclusion.branch else _("Every branch"))
            + " · "
            + (
                _("until %(day)s") % {"day": date_format(exclusion.end_date, "DATE_FORMAT")}
                if exclusion.end_date
                else _("no end date")
            ),
            url=reverse("conduct:board"),
        )
        for exclusion in selectors.board_for(user=user)[:15]
    ]


# Each gap of a new library: the flag of RulebookGaps, what the card says, and where it is set.
RULEBOOK_GAPS = [
    (
        "no_rules",
        gettext_lazy("No rules of conduct yet"),
        "conduct:rules",
        "",
        gettext_lazy("Incidents cite them, and exclusion letters quote them."),
    ),
    (
        "no_ladder",
        gettext_lazy("The consequence ladder has no rows"),
        "conduct:ladder",
        "",
        gettext_lazy("Without it, every exclusion needs a reason and a supervisor's approval."),
    ),
    (
        "no_limits",
        gettext_lazy("No exclusion limits are set for any role"),
        "conduct:ladder",
        "#limits",
        gettext_lazy("Until they are, only the director can issue an exclusion."),
    ),
    (
        "appeal_rules_unsaved",
        gettext_lazy("The appeal rules have never been saved"),
        "conduct:appeal_settings",
        "",
        gettext_lazy("Check who decides, the deadlines and how to appeal, then save them."),
    ),
    (
        "no_retention",
        gettext_lazy("No retention schedule"),
        "retention:schedule",
        "",
        gettext_lazy("Choose how long records are kept."),
    ),
]


def rulebook_gaps(user) -> list[DeskItem]:
    """What an administrator has still to set before staff can follow the library's rules and ladder."""
    gaps = rulebook_gaps_of(system_id=user.library_system_id)
    return [
        DeskItem(title=str(title), url=reverse(url_name) + anchor, detail=str(detail))
        for flag, title, url_name, anchor, detail in RULEBOOK_GAPS
        if getattr(gaps, flag)
    ]


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
        on_shown=lambda user, key: events.desk_card_viewed(actor=user, card=key),
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
        on_shown=lambda user, key: events.desk_card_viewed(actor=user, card=key),
        roles=roles.ON_THE_FLOOR,
        order=35,
        empty_text=gettext_lazy("No one is excluded today."),
        link_url_name="conduct:board",
        link_label=gettext_lazy("The board of current exclusions"),
    )
)
register_kind(
    NotificationKind(
        "conduct.deviation_to_approve",
        gettext_lazy("An exclusion that departs from the ladder waits for your approval"),
        order=37,
    ),
    NotificationKind("conduct.appeal_to_decide", gettext_lazy("An appeal waits for your decision"), order=38),
    NotificationKind(
        "conduct.lift_to_decide",
        gettext_lazy("A request to lift an exclusion waits for your decision"),
        order=39,
    ),
    NotificationKind(
        "conduct.appeal_deadline_soon",
        gettext_lazy("A deadline of an appeal you decide is within one working day"),
        order=40,
    ),
    NotificationKind(
        "conduct.appeal_deadline_passed",
        gettext_lazy("A deadline of an appeal you decide has passed"),
        order=41,
    ),
)
