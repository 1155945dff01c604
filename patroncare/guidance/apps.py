from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "patroncare.guidance"
    verbose_name = _("Desk guidance")
    default_auto_field = "django.db.models.BigAutoField"
