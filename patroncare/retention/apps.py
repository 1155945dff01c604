from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "patroncare.retention"
    verbose_name = _("Retention")

    def ready(self):
        # Each module declares its record types in its own `retention.py`; importing them registers them.
        from django.utils.module_loading import autodiscover_modules

        from patroncare.libraries.defaults import register_system_defaults
        from patroncare.patrons.extensions import register_merge_listener

        from . import audit_trail, people, tasks  # noqa: F401
        from .services import holds_follow_merge, schedule_defaults_install

        autodiscover_modules("retention")
        register_system_defaults("retention", schedule_defaults_install)
        register_merge_listener(holds_follow_merge)
