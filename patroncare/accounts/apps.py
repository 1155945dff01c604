from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "patroncare.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from patroncare.core.shell import use_role_scopes

        from . import signals  # noqa: F401  (sign-in events for the audit trail)
        from .permissions import role_scopes

        # The navigation and the desk show each person what their roles allow.
        use_role_scopes(role_scopes)
