from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "patroncare.surveys"
    verbose_name = _("Staff surveys")
    default_auto_field = "django.db.models.BigAutoField"
