"""Who may issue how long an exclusion: the limits of a person's roles, of the director and of the authority
groups they belong to, the widest of which is theirs; and, when a length is refused, who may issue it.

Limits are lengths in calendar units, so which one is widest depends on the first day: "30 days" is longer
than "1 month" from 1 February and shorter from 1 March. Every comparison is made from the exclusion's own
first day.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from patroncare.accounts.permissions import is_director, role_scopes

from .ladder import period_text
from .models import AuthorityGroup, IssueLimit, LimitRole

# How a refusal names who may issue longer, in a sentence ("… is issued by a supervisor or the director").
ROLE_IN_SENTENCE = {
    LimitRole.FRONTLINE: lambda: _("a front-line staff member"),
    LimitRole.SUPERVISOR: lambda: _("a supervisor"),
    LimitRole.ADMINISTRATOR: lambda: _("an administrator"),
    LimitRole.SECURITY: lambda: _("a security officer"),
    LimitRole.TRAINER: lambda: _("a trainer"),
    LimitRole.TRUSTEE: lambda: _("a trustee"),
    LimitRole.DIRECTOR: lambda: _("the director"),
}


@dataclass(frozen=True)
class Allowance:
    """What one person may issue: the limits that apply to them, read once."""

    limits: tuple[IssueLimit, ...]

    @property
    def open_ended(self) -> bool:
        return any(limit.may_issue_open_ended for limit in self.limits)

    def last_day(self, start: date) -> date | None:
        """The latest last day they may give an exclusion beginning on `start`: None for no limit, the day
        before `start` when they may issue none."""
        return widest_last_day(self.limits, start)

    def allows(self, start: date, end: date | None) -> bool:
        """True when they may issue an exclusion from `start` to `end` (None: permanent or pending review)."""
        if end is None:
            return self.open_ended
        last = self.last_day(start)
        return last is None or end <= last


def widest_last_day(limits, start: date) -> date | None:
    """The latest last day any of `limits` allows from `start` (None for no limit)."""
    last_days = [limit.last_day(start) for limit in limits]
    if not last_days:
        return _none_from(start)
    if any(day is None for day in last_days):
        return None
    return max(last_days)


def _none_from(start: date) -> date:
    return date.fromordinal(start.toordinal() - 1)


def limit_allows(limit: IssueLimit, start: date, end: date | None) -> bool:
    if end is None:
        return limit.may_issue_open_ended
    last = limit.last_day(start)
    return last is None or end <= last


def director_limit(limits) -> IssueLimit:
    """The director's own limit, or no limit (with permanent and pending review) when none is set."""
    for limit in limits:
        if limit.role == LimitRole.DIRECTOR:
            return limit
    return IssueLimit(role=LimitRole.DIRECTOR, length_number=None, may_issue_open_ended=True)


def limits_of_system(system) -> list[IssueLimit]:
    return list(IssueLimit.objects.filter(system=system).select_related("group"))


def allowance_of(user, system) -> Allowance:
    """The limits of the user's roles (held at any branch), of the director when they are the director, and
    of their authority groups in this system."""
    if user.library_system_id != system.pk:
        return Allowance(limits=())
    limits = limits_of_system(system)
    roles = set(role_scopes(user))
    group_ids = set(AuthorityGroup.objects.filter(system=system, members=user).values_list("pk", flat=True))
    applying = [
        limit
        for limit in limits
        if (limit.role in roles and limit.role != LimitRole.DIRECTOR) or limit.group_id in group_ids
    ]
    if is_director(user, system):
        applying.append(director_limit(limits))
    return Allowance(limits=tuple(applying))


def who_may_issue(system, *, start: date, end: date | None, roles) -> list[str]:
    """The holders whose limit allows an exclusion from `start` to `end` (None: open-ended), named for a
    sentence in the active language: the `roles` that may issue exclusions at all, the authority groups
    that have members, and the director."""
    limits = limits_of_system(system)
    holders = []
    for limit in sorted(
        (
            limit
            for limit in limits
            if limit.role and limit.role in roles and limit.role != LimitRole.DIRECTOR
        ),
        key=lambda limit: list(LimitRole.values).index(limit.role),
    ):
        if limit_allows(limit, start, end):
            holders.append(ROLE_IN_SENTENCE[limit.role]())
    groups = AuthorityGroup.objects.filter(system=system, limit__isnull=False, members__isnull=False)
    for group in groups.distinct().select_related("limit").order_by("name"):
        if limit_allows(group.limit, start, end):
            holders.append(group_member_phrase(group))
    if limit_allows(director_limit(limits), start, end):
        holders.append(ROLE_IN_SENTENCE[LimitRole.DIRECTOR]())
    return holders


def group_member_phrase(group: AuthorityGroup) -> str:
    """ "a review team member" for a group named "Review team" (a name in capitals keeps them). Spanish
    quotes the name as written ("un miembro del grupo «Equipo de revisión»"), so it is never lowered."""
    name = str(group)
    first_word = name.split(" ")[0]
    if (
        get_language() != "es"
        and len(first_word) > 1
        and first_word[0].isupper()
        and first_word[1:].islower()
    ):
        name = name[0].lower() + name[1:]
    return _("a %(group)s member") % {"group": name}


def in_words(holders: list[str]) -> str:
    """ "a supervisor, a review team member or the director"."""
    if len(holders) <= 1:
        return "".join(holders)
    return _("%(first)s or %(last)s") % {"first": ", ".join(holders[:-1]), "last": holders[-1]}


def limit_text(limit: IssueLimit | None) -> str:
    """How the limits page words a limit: "up to 1 month, including permanent and pending review"."""
    if limit is None:
        return _("not set: may not issue exclusions")
    if limit.length_number is None:
        length = _("no limit")
    elif limit.length_number == 0:
        length = _("no exclusions")
    else:
        length = _("up to %(period)s") % {"period": period_text(limit.length_number, limit.length_unit)}
    if limit.may_issue_open_ended:
        return _("%(length)s, including permanent and pending review") % {"length": length}
    return length
