from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "patroncare.conduct"
    verbose_name = _("Rules of conduct and exclusions")

    def ready(self):
        # Incidents never import exclusions; they ask through the link registered here.
        from patroncare.incidents.extensions import register_exclusions

        from .incident_link import LINK

        register_exclusions(LINK)
