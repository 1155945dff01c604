from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "patroncare.incidents"
    verbose_name = _("Incidents")

    def ready(self):
        # Register the Celery tasks with the app now, not when a service first imports them: the escalation
        # task is planned from `alert_send` and must be known to whichever app is current by then.
        from patroncare.patrons.extensions import register_person_records

        from . import tasks  # noqa: F401
        from .person_link import RECORDS

        # A person's page and access request list the incidents they were involved in.
        register_person_records(RECORDS)
