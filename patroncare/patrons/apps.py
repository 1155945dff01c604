from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatronsConfig(AppConfig):
    name = "patroncare.patrons"
    verbose_name = _("Patrons")
    default_auto_field = "django.db.models.BigAutoField"
