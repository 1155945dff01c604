"""Reads of the directory and of the referral tally, always inside the user's library system."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from patroncare.core.languages import shown_in_row, version_columns
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import Branch, LibrarySystem

from .models import Category, Hours, Referral, ReferralSettings, Resource
from .permissions import referral_branch_ids


def categories(*, user) -> QuerySet:
    return Category.objects.filter(system_id=user.library_system_id).order_by("order", "slug")


def category_get(*, user, slug: str) -> Category:
    category = categories(user=user).filter(slug=slug).first()
    if category is None:
        raise Http404
    return category


def open_hours_q(local: datetime) -> Q:
    """Hours rows open at the local wall-clock time `local`: today's, or yesterday's running past midnight."""
    weekday, now = local.weekday(), local.time().replace(tzinfo=None)
    all_day = Q(opens=time(0), closes=time(0))
    overnight = Q(closes__lte=F("opens")) & ~all_day
    same_day = Q(closes__gt=F("opens")) & Q(opens__lte=now, closes__gt=now)
    today = Q(weekday=weekday) & (all_day | same_day | (overnight & Q(opens__lte=now)))
    from_yesterday = Q(weekday=(weekday - 1) % 7) & overnight & Q(closes__gt=now)
    return today | from_yesterday


def local_now(system: LibrarySystem, now: datetime | None = None) -> datetime:
    return (now or timezone.now()).astimezone(system.zone)


def is_open_filter(system: LibrarySystem, now: datetime | None = None) -> Exists:
    return Exists(Hours.objects.filter(open_hours_q(local_now(system, now)), resource=OuterRef("pk")))


def _listed(user) -> QuerySet:
    return Resource.objects.filter(system_id=user.library_system_id, is_active=True)


def _with_details(resources: QuerySet) -> QuerySet:
    return resources.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("order", "slug")),
        Prefetch("hours", queryset=Hours.objects.order_by("weekday", "opens")),
    )


@dataclass(frozen=True)
class HelpFilters:
    need: str = ""
    language: str = ""
    open_now: bool = False


def find_help(*, user, filters: HelpFilters, now: datetime | None = None) -> QuerySet:
    """Listed resources for a need, a language and/or open now (library time): three queries."""
    system = user.library_system
    resources = _listed(user).annotate(open_now=is_open_filter(system, now))
    if filters.need:
        resources = resources.filter(categories__slug=filters.need)
    if filters.language:
        code = filters.language.strip().lower()
        # Codes are stored as "en,es,vi": match a whole code, not a part of one ("es" not in "est").
        resources = resources.filter(
            Q(languages=code)
            | Q(languages__startswith=f"{code},")
            | Q(languages__endswith=f",{code}")
            | Q(languages__contains=f",{code},")
        )
    if filters.open_now:
        resources = resources.filter(open_now=True)
    return _with_details(resources.distinct()).order_by("-open_now", "organisation", "name")


def resource_get(*, user, pk: int, include_unlisted: bool = False, now: datetime | None = None) -> Resource:
    resources = Resource.objects.filter(system_id=user.library_system_id, pk=pk)
    if not include_unlisted:
        resources = resources.filter(is_active=True)
    resource = (
        _with_details(resources.annotate(open_now=is_open_filter(user.library_system, now)))
        .select_related("verified_by", "owner")
        .first()
    )
    if resource is None:
        raise Http404
    return resource


def directory(*, user) -> QuerySet:
    """Every resource of the system, listed or not, for those who keep the directory."""
    return _with_details(
        Resource.objects.filter(system_id=user.library_system_id).select_related("owner", "verified_by")
    ).order_by("organisation", "name")


def stale_for_owner(*, user, today: date | None = None) -> list[Resource]:
    """Listed resources this person keeps whose verification is due (one query)."""
    today = today or today_in(user.library_system)
    owned = _listed(user).filter(owner=user).order_by("last_verified_on", "organisation")
    return [resource for resource in owned if resource.is_stale(today)]


def resources_for_playbook(*, user, slug: str) -> list[Resource]:
    """The library's listed resources for the needs that name this playbook (two queries)."""
    needs = [c.pk for c in categories(user=user) if slug in c.playbooks]
    if not needs:
        return []
    return list(_listed(user).filter(categories__in=needs).distinct().order_by("organisation", "name"))


def crisis_line(*, user) -> ReferralSettings | None:
    line = ReferralSettings.objects.filter(system_id=user.library_system_id).first()
    if line is None or not (line.crisis_line_phone or line.crisis_line_text):
        return None
    return line


def referral_branches(*, user) -> QuerySet:
    """The branches of the user's system they may record a referral for."""
    branches = Branch.objects.filter(system_id=user.library_system_id).order_by("name")
    ids = referral_branch_ids(user)
    return branches if ids is None else branches.filter(pk__in=ids)


# For the reports: counts computed in the database, never rows loaded into Python.
def referral_counts_by_need(
    *, system: LibrarySystem, start: date, end: date, branch_ids: set[int] | None = None
) -> list[dict]:
    """Referrals per branch and need from `start` to `end` (both included), one query.

    Each row: branch_id, branch_name, need_id, need_slug, need_name (reader's language), count.
    """
    referrals = Referral.objects.filter(system=system, made_on__gte=start, made_on__lte=end)
    if branch_ids is not None:
        referrals = referrals.filter(branch_id__in=branch_ids)
    rows = (
        referrals.values("branch_id", "branch__name", "need_id", "need__slug", *version_columns("need__name"))
        .annotate(count=Count("id"))
        .order_by("branch__name", "need__order", "need__slug")
    )
    return [
        {
            "branch_id": row["branch_id"],
            "branch_name": row["branch__name"],
            "need_id": row["need_id"],
            "need_slug": row["need__slug"],
            "need_name": shown_in_row(row, "need__name")[0],
            "count": row["count"],
        }
        for row in rows
    ]


def referral_counts_by_month(*, system: LibrarySystem, start: date, end: date) -> list[dict]:
    """Referrals per calendar month (first day of the month) and need: one query."""
    return list(
        Referral.objects.filter(system=system, made_on__gte=start, made_on__lte=end)
        .annotate(month=TruncMonth("made_on"))
        .values("month", "need__slug")
        .annotate(count=Count("id"))
        .order_by("month", "need__slug")
    )


def directory_figures(*, system: LibrarySystem, today: date) -> dict:
    """How many resources are listed, and how many were verified in the last year (two queries)."""
    listed = Resource.objects.filter(system=system, is_active=True)
    year_ago = today - timedelta(days=365)
    return {
        "listed": listed.count(),
        "verified_last_year": listed.filter(last_verified_on__gte=year_ago).count(),
    }
