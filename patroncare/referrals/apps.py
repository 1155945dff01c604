from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "patroncare.referrals"
    verbose_name = _("Community referrals")
    default_auto_field = "django.db.models.BigAutoField"
