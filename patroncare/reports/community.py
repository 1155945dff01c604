"""Figures of referrals and walk-throughs: counts only, each table one GROUP BY query over the three periods.

Referrals keep no person (see referrals.models), so counting them by need tells nothing about anyone.
Walk-throughs are of places: per branch, how many were done and the share of points rated good.
"""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from patroncare.referrals.models import Referral
from patroncare.surveys.models import PointRating, WalkAction, WalkRating, WalkThrough

from .figures import Row, Scope, Table, _branch_rows
from .periods import Period


def _day_ranges(periods: list[Period], field_name: str) -> list[Q]:
    """Periods over a date field: calendar days, already local to the library."""
    return [Q(**{f"{field_name}__gte": p.first_day, f"{field_name}__lte": p.last_day}) for p in periods]


def _scoped(queryset, scope: Scope, prefix: str = ""):
    queryset = queryset.filter(**{f"{prefix}system": scope.system})
    if scope.branch_ids is not None:
        queryset = queryset.filter(**{f"{prefix}branch_id__in": scope.branch_ids})
    return queryset


def _counts(queryset, group: str, ranges: list[Q], count: str = "id") -> dict:
    aggregates = {f"p{i}": Count(count, filter=one, distinct=True) for i, one in enumerate(ranges)}
    any_period = Q(pk__in=[])
    for one in ranges:
        any_period |= one
    rows = queryset.filter(any_period).values(group).annotate(**aggregates).order_by()
    return {row[group]: [row[f"p{i}"] for i in range(len(ranges))] for row in rows}


def referral_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    """Referrals made, by need and by branch (one query each)."""
    base = _scoped(Referral.objects.all(), scope)
    ranges = _day_ranges(periods, "made_on")
    by_need = _counts(base, "need_id", ranges)
    needs = {c.pk: c for c in scope.system.referral_categories.order_by("order", "pk")}
    need_rows = [Row(need.name, by_need[pk]) for pk, need in needs.items() if pk in by_need]
    return [
        Table("referrals-need", _("Referrals made, by need"), _("Need"), need_rows),
        Table(
            "referrals-branch",
            _("Referrals made, by branch"),
            _("Branch"),
            _branch_rows(scope, _counts(base, "branch_id", ranges)),
        ),
    ]


def walk_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    """Per branch: walk-throughs done, the share of rated points rated good, and actions given and done."""
    walks = _scoped(WalkThrough.objects.all(), scope)
    ranges = _day_ranges(periods, "walked_on")
    done = _counts(walks, "branch_id", ranges)
    ratings = _scoped(PointRating.objects.filter(rating__isnull=False), scope, "walk__")
    rating_ranges = _day_ranges(periods, "walk__walked_on")
    rated = _counts(ratings, "walk__branch_id", rating_ranges)
    good = _counts(ratings.filter(rating=WalkRating.GOOD), "walk__branch_id", rating_ranges)
    share_rows = [
        Row(
            _("%(branch)s: points rated good (%%)") % {"branch": row.label},
            [
                (part, whole)
                for part, whole in zip(good.get(row.drill["branch"], [0, 0, 0]), row.values, strict=True)
            ],
            share=True,
        )
        for row in _branch_rows(scope, rated)
    ]
    actions = _scoped(WalkAction.objects.all(), scope, "walk__")
    given = actions.aggregate(**{f"g{i}": Count("id", filter=one) for i, one in enumerate(rating_ranges)})
    on_time = actions.filter(done_on__isnull=False, done_on__lte=F("due_on")).aggregate(
        **{f"d{i}": Count("id", filter=one) for i, one in enumerate(rating_ranges)}
    )
    action_rows = [
        Row(_("Actions given"), [given[f"g{i}"] for i in range(len(periods))]),
        Row(_("Done by their due date"), [on_time[f"d{i}"] for i in range(len(periods))]),
    ]
    return [
        Table("walks-branch", _("Walk-throughs done, by branch"), _("Branch"), _branch_rows(scope, done)),
        Table("walks-good", _("Points rated good, by branch"), _("Branch"), share_rows, total=False),
        Table(
            "walks-actions",
            _("Actions from walk-throughs (by day of the walk)"),
            _("Actions"),
            action_rows,
            total=False,
        ),
    ]
