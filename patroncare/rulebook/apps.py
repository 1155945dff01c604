from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulebookConfig(AppConfig):
    name = "patroncare.rulebook"
    verbose_name = _("Rules of conduct and the consequence ladder")

    def ready(self):
        from patroncare.libraries.defaults import register_system_defaults

        from .services import system_defaults_install

        register_system_defaults("rulebook", system_defaults_install)
