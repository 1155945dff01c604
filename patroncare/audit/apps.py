from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "patroncare.audit"
    verbose_name = _("Audit trail")

    def ready(self):
        # Each domain's events.py registers its event types and record labellers.
        autodiscover_modules("events")
