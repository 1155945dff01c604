from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


class Refused(PermissionDenied, ValidationError):
    """A service's refusal of an action this person may not take on this record now, with the reason.

    One type for every refusal: a view that handles a form shows it on the form like any service error
    (it is a ValidationError), and anywhere else it becomes the 403 page with its message (it is a
    PermissionDenied). Nothing was changed when it is raised.
    """

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


def refuse_unless(allowed: bool, message) -> None:
    """Services enforce their permission predicates with this, whatever the view already checked."""
    if not allowed:
        raise Refused(message)


class PermissionRequiredMixin(LoginRequiredMixin):
    """A signed-in member of a library system who passes `permission(user)`; others get 403.

    When the address names a record (`scoped_model` looked up by `pk`), a record outside the user's library
    system answers 404 before any role check, exactly as a missing one does: an outsider learns nothing.
    """

    permission = None  # a predicate from an app's permissions module
    scoped_model = None
    scoped_system_field = "system"

    def dispatch(self, request, *args, **kwargs):
        # The method is checked first: an action's address answers GET with 405 whatever the record, and
        # that says nothing about which records exist.
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.scoped_model is not None and "pk" in kwargs:
            lookup = {"pk": kwargs["pk"], f"{self.scoped_system_field}_id": request.user.library_system_id}
            if not request.user.library_system_id or not self.scoped_model.objects.filter(**lookup).exists():
                raise Http404
        if not request.user.library_system_id or (
            self.permission and not type(self).permission(request.user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ActionMixin:
    """An action answers POST only: a GET on its address is 405, never the page it belongs to.

    Put it first among the bases of an action view that inherits its page, so that the page's `get` is not
    reachable from the action's address.
    """

    http_method_names = ["post", "options"]
