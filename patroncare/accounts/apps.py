from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "patroncare.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import signals  # noqa: F401  (sign-in events for the audit trail)
