from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import RoleAssignment, User


def staff_list_for(*, user, search: str = "", role: str = "", branch_id: int | None = None) -> QuerySet:
    queryset = (
        User.objects.filter(library_system_id=user.library_system_id)
        .prefetch_related(
            Prefetch(
                "role_assignments", queryset=RoleAssignment.objects.select_related("branch").order_by("role")
            )
        )
        .order_by("-is_active", "full_name")
    )
    if search:
        queryset = queryset.filter(full_name__icontains=search) | queryset.filter(email__icontains=search)
    if role:
        queryset = queryset.filter(role_assignments__role=role)
    if branch_id:
        queryset = queryset.filter(role_assignments__branch_id=branch_id)
    return queryset.distinct()


def staff_get(*, user, pk: int) -> User:
    return get_object_or_404(User, pk=pk, library_system_id=user.library_system_id)
