from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "patroncare.rulebook"
    verbose_name = _("Rules of conduct and the consequence ladder")
