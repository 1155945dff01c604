from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "patroncare.conduct"
    verbose_name = _("Rules of conduct and exclusions")
