from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "patroncare.incidents"
    verbose_name = _("Incidents")

    def ready(self):
        # Register the Celery tasks with the app now, not when a service first imports them: the escalation
        # task is planned from `alert_send` and must be known to whichever app is current by then.
        from patroncare.libraries.defaults import register_system_defaults
        from patroncare.patrons.extensions import register_person_records

        from . import tasks  # noqa: F401
        from .person_link import RECORDS
        from .services import retention_defaults_install

        register_system_defaults("incidents", retention_defaults_install)
        # A person's page and access request list the incidents they were involved in.
        register_person_records(RECORDS)
