from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "patroncare.core"
    verbose_name = _("PatronCare")

    def ready(self):
        # Each app declares its navigation entries and desk sections in its own `shell.py`.
        autodiscover_modules("shell")
