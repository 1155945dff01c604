from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "patroncare.complaints"
    verbose_name = _("Complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A person's page and access request list the complaints they made.
        from patroncare.patrons.extensions import register_person_records

        from .person_link import RECORDS

        register_person_records(RECORDS)
