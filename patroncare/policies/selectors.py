"""Reads of policies, the exceptions log, reviews, acknowledgements and ratings, scoped to the user."""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from patroncare.accounts.models import Role, User
from patroncare.accounts.permissions import STAFF_ROLES, branch_ids_for
from patroncare.libraries.models import Branch
from patroncare.libraries.selectors import scope_to_branches
from patroncare.rulebook.models import Rule

from . import consistency
from .models import (
    Acknowledgement,
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Policy,
    PolicyReview,
    PolicyVersion,
    RatingArea,
    ReviewStatus,
    YesOMeterRating,
)
from .permissions import APPROVING_ROLES, MANAGING_ROLES, RECORDING_ROLES

REVIEW_HORIZON_DAYS = 30


def _acknowledged(user):
    return Exists(
        Acknowledgement.objects.filter(
            user=user, version__policy=OuterRef("pk"), version__number=OuterRef("current_number")
        )
    )


def policy_list(
    *, user, area: str = "", flexibility: str = "", query: str = "", retired: bool = False
) -> QuerySet:
    policies = Policy.objects.filter(system_id=user.library_system_id, is_retired=retired)
    if area:
        policies = policies.filter(area=area)
    if flexibility:
        policies = policies.filter(flexibility=flexibility)
    if query:
        policies = policies.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return policies.select_related("owner").annotate(acknowledged=_acknowledged(user)).order_by("title")


def policy_choices(*, user) -> QuerySet:
    return Policy.objects.filter(system_id=user.library_system_id, is_retired=False).order_by("title")


def rules_for_linking(*, user) -> QuerySet:
    """The rules of conduct in force in the user's library system, to link to policies and playbooks."""
    return Rule.objects.filter(system_id=user.library_system_id, is_active=True).order_by("code")


def policy_get(*, user, pk: int) -> Policy:
    return get_object_or_404(
        Policy.objects.select_related("owner").annotate(acknowledged=_acknowledged(user)),
        pk=pk,
        system_id=user.library_system_id,
    )


def policy_versions(*, policy: Policy) -> QuerySet:
    return policy.versions.select_related("published_by").order_by("-number")


def policy_version_get(*, policy: Policy, number: int) -> PolicyVersion:
    return get_object_or_404(PolicyVersion, policy=policy, number=number)


# The exceptions log ---------------------------------------------------------------------------------------


def exception_list_visible_to(
    *, user, policy_id=None, branch_id=None, status: str = "", kind: str = ""
) -> QuerySet:
    """Supervisors and administrators see the entries of their branches; everyone sees the ones they wrote."""
    if not user.is_authenticated or not user.library_system_id:
        return ExceptionEntry.objects.none()
    entries = ExceptionEntry.objects.filter(system_id=user.library_system_id)
    supervised = branch_ids_for(user, APPROVING_ROLES)
    if supervised is not None:
        entries = entries.filter(Q(branch_id__in=supervised) | Q(recorded_by=user))
    if policy_id:
        entries = entries.filter(policy_id=policy_id)
    if branch_id:
        entries = entries.filter(branch_id=branch_id)
    if status:
        entries = entries.filter(status=status)
    if kind:
        entries = entries.filter(kind=kind)
    return entries.select_related("policy", "branch", "recorded_by", "decided_by").order_by(
        "-occurred_on", "-recorded_at"
    )


def exception_get(*, user, pk: int) -> ExceptionEntry:
    entry = exception_list_visible_to(user=user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def exceptions_awaiting(*, user) -> QuerySet:
    entries = scope_to_branches(
        ExceptionEntry.objects.filter(status=EntryStatus.PENDING), user=user, roles=APPROVING_ROLES
    )
    return entries.exclude(recorded_by=user).select_related("policy", "branch").order_by("recorded_at")


def recording_branches(*, user) -> QuerySet:
    return scope_to_branches(
        Branch.objects.filter(is_active=True), user=user, roles=RECORDING_ROLES, branch_field=""
    ).order_by("name")


# Consistency ----------------------------------------------------------------------------------------------

_GRANTED = Q(kind=EntryKind.EXCEPTION, status__in=[EntryStatus.RECORDED, EntryStatus.APPROVED])
_ENFORCED = Q(kind=EntryKind.ENFORCED) | Q(status=EntryStatus.DECLINED)


def _rates_by(entries: QuerySet, *fields: str) -> QuerySet:
    return (
        entries.values(*fields)
        .annotate(granted=Count("pk", filter=_GRANTED), enforced=Count("pk", filter=_ENFORCED))
        .order_by(*fields)
    )


def _decided(*, user, since: date) -> QuerySet:
    return ExceptionEntry.objects.filter(system_id=user.library_system_id, occurred_on__gte=since).exclude(
        status=EntryStatus.PENDING
    )


def _figures(branch_rows: list[dict], staff_rows: list[dict] | None) -> dict:
    granted = sum(r["granted"] for r in branch_rows)
    enforced = sum(r["enforced"] for r in branch_rows)
    rate = consistency.typical_rate((r["granted"], r["enforced"]) for r in branch_rows)
    figures = {
        "granted": granted,
        "enforced": enforced,
        "rate": rate,
        "pooled_rate": consistency.pooled_rate(granted, enforced),
        "branches": consistency.rate_rows(
            ((r["branch_id"], r["branch__name"], r["granted"], r["enforced"]) for r in branch_rows),
            typical=rate,
        ),
    }
    if staff_rows is not None:
        figures["staff"] = consistency.rate_rows(
            (
                (r["recorded_by_id"], r["recorded_by__full_name"], r["granted"], r["enforced"])
                for r in staff_rows
            ),
            typical=rate,
        )
    return figures


def consistency_for(*, user, policy: Policy, since: date) -> dict:
    """Exception rates of one policy by branch and by member of staff, against the system rate.

    Branch figures cover the whole system (counts only, nothing about patrons). Staff rows are limited to the
    branches the user supervises: a supervisor talks with their own team. The system rate is always the
    whole system's.
    """
    decided = _decided(user=user, since=since).filter(policy=policy)
    staff_entries = decided
    supervised = branch_ids_for(user, MANAGING_ROLES)
    if supervised is not None:
        staff_entries = staff_entries.filter(branch_id__in=supervised)
    return _figures(
        list(_rates_by(decided, "branch_id", "branch__name")),
        list(_rates_by(staff_entries, "recorded_by_id", "recorded_by__full_name")),
    )


def consistency_overview(*, user, since: date) -> list[dict]:
    """For each policy with decided requests since `since`: its figures and the branches that stand out.
    Two queries whatever the number of policies."""
    grouped: dict[int, list[dict]] = {}
    for row in _rates_by(_decided(user=user, since=since), "policy_id", "branch_id", "branch__name"):
        grouped.setdefault(row["policy_id"], []).append(row)
    rows = []
    for policy in policy_choices(user=user).filter(pk__in=grouped):
        figures = _figures(grouped[policy.pk], None)
        rows.append(
            {"policy": policy, **figures, "outliers": [row for row in figures["branches"] if row.outlier]}
        )
    return rows


# Acknowledgements and reviews -----------------------------------------------------------------------------


def policies_to_acknowledge(*, user) -> QuerySet:
    return policy_choices(user=user).annotate(acknowledged=_acknowledged(user)).filter(acknowledged=False)


def acknowledgement_status(*, user, policy: Policy) -> list[tuple[User, object]]:
    """Staff of the user's branches and whether (and when) they acknowledged the current version."""
    version = PolicyVersion.objects.filter(policy=policy, number=policy.current_number).first()
    staff = User.objects.filter(
        library_system_id=user.library_system_id, is_active=True, role_assignments__role__in=STAFF_ROLES
    )
    branch_ids = branch_ids_for(user, MANAGING_ROLES)
    if branch_ids is not None:
        staff = staff.filter(Q(role_assignments__branch_id__in=branch_ids) | Q(pk=user.pk))
    staff = staff.distinct().order_by("full_name")
    seen = dict(Acknowledgement.objects.filter(version=version).values_list("user_id", "acknowledged_at"))
    return [(member, seen.get(member.pk)) for member in staff]


def reviews_due(*, user, today: date) -> QuerySet:
    """Policies whose review is due within the horizon or already in progress."""
    open_review = Exists(PolicyReview.objects.filter(policy=OuterRef("pk"), status=ReviewStatus.OPEN))
    return (
        policy_choices(user=user)
        .annotate(in_review=open_review)
        .filter(Q(next_review_on__lte=today + timedelta(days=REVIEW_HORIZON_DAYS)) | Q(in_review=True))
        .order_by("next_review_on")
    )


def review_list(*, user) -> QuerySet:
    return (
        PolicyReview.objects.filter(policy__system_id=user.library_system_id)
        .select_related("policy", "opened_by", "decided_by")
        .order_by("status", "-opened_at")
    )


def review_get(*, user, pk: int) -> PolicyReview:
    return get_object_or_404(
        PolicyReview.objects.select_related("policy", "opened_by", "decided_by"),
        pk=pk,
        policy__system_id=user.library_system_id,
    )


# Yes-O-Meter ----------------------------------------------------------------------------------------------


def yes_o_meter(*, user, branch_ids=None) -> list[dict]:
    """For each branch and area (and policy): the latest rating, the one before it and the movement."""
    ratings = scope_to_branches(
        YesOMeterRating.objects.all(), user=user, roles=MANAGING_ROLES | {Role.TRUSTEE}
    )
    if branch_ids:
        ratings = ratings.filter(branch_id__in=branch_ids)
    history: dict[tuple, list] = {}
    for rating in ratings.select_related("branch", "policy").order_by(
        "branch__name", "area", "policy__title", "rated_on"
    ):
        history.setdefault((rating.branch, rating.area, rating.policy), []).append(rating)
    rows = []
    for (branch, area, policy), items in history.items():
        latest, previous = items[-1], (items[-2] if len(items) > 1 else None)
        rows.append(
            {
                "branch": branch,
                "area": area,
                "area_label": RatingArea(area).label,
                "policy": policy,
                "latest": latest,
                "previous": previous,
                "history": items,
                "movement": latest.rating - previous.rating if previous else None,
            }
        )
    return rows
