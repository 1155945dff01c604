"""Reads of library configuration, always inside the user's own library system."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from patroncare.accounts.permissions import branch_ids_for

from .models import Branch, Closure, Holiday, Location, OpeningHours


def scope_to_branches(queryset: QuerySet, *, user, roles, branch_field: str = "branch") -> QuerySet:
    """Limit `queryset` to the user's library system and the branches where they hold one of `roles`."""
    if not user.is_authenticated or not user.library_system_id:
        return queryset.none()
    prefix = f"{branch_field}__" if branch_field else ""
    queryset = queryset.filter(**{f"{prefix}system_id": user.library_system_id})
    branch_ids = branch_ids_for(user, roles)
    if branch_ids is None:
        return queryset
    return queryset.filter(**{f"{prefix}id__in": branch_ids})


def branch_list_for_system(*, user) -> QuerySet:
    return (
        Branch.objects.filter(system_id=user.library_system_id)
        .annotate(location_count=Count("locations", filter=Q(locations__is_active=True)))
        .prefetch_related(Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")))
        .order_by("name")
    )


def branch_get(*, user, pk: int) -> Branch:
    return get_object_or_404(Branch.objects.select_related("system"), pk=pk, system_id=user.library_system_id)


def branches_visible_to(*, user, roles) -> QuerySet:
    return scope_to_branches(Branch.objects.filter(is_active=True), user=user, roles=roles, branch_field="")


def location_get(*, user, branch: Branch, pk: int) -> Location:
    return get_object_or_404(Location, pk=pk, branch=branch, branch__system_id=user.library_system_id)


def closure_get(*, user, branch: Branch, pk: int) -> Closure:
    return get_object_or_404(Closure, pk=pk, branch=branch, branch__system_id=user.library_system_id)


def holiday_list(*, user) -> QuerySet:
    return Holiday.objects.filter(system_id=user.library_system_id).order_by("date")


def holiday_get(*, user, pk: int) -> Holiday:
    return get_object_or_404(Holiday, pk=pk, system_id=user.library_system_id)


def closures_on(*, user, day, branch_ids: set[int] | None) -> QuerySet:
    closures = Closure.objects.filter(
        branch__system_id=user.library_system_id, start_date__lte=day, end_date__gte=day
    ).select_related("branch")
    if branch_ids is not None:
        closures = closures.filter(branch_id__in=branch_ids)
    return closures
