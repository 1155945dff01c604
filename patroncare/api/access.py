"""DRF permission classes that read the apps' own predicates: no rule is written here a second time."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken, Scope


class MemberWithScope(BasePermission):
    """A signed-in member of a library system; a read-only token may only read."""

    message = _("This token may only read. Create a read and write token to change records.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.library_system_id):
            return False
        if isinstance(request.auth, ApiToken) and request.method not in SAFE_METHODS:
            return request.auth.scope == Scope.READ_WRITE
        return True


class ViewPredicate(BasePermission):
    """`view.permission` (GET) and `view.write_permission` (other methods) are the apps' predicates."""

    message = _("Your role does not allow this.")

    def has_permission(self, request, view) -> bool:
        cls = type(view)  # the predicates are plain functions kept on the class, never bound methods
        predicate = getattr(cls, "permission", None)
        if request.method not in SAFE_METHODS:
            predicate = getattr(cls, "write_permission", None) or predicate
        return predicate is None or bool(predicate(request.user))
