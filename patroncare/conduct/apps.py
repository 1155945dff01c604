from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "patroncare.conduct"
    verbose_name = _("Rules of conduct and exclusions")

    def ready(self):
        # Incidents never import exclusions; they ask through the link registered here.
        from patroncare.incidents.extensions import register_exclusions
        from patroncare.patrons.extensions import register_person_records

        from .incident_link import LINK
        from .person_link import RECORDS

        register_exclusions(LINK)
        # A person's page and access request list their exclusions and appeals.
        register_person_records(RECORDS)
