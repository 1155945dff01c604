from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibrariesConfig(AppConfig):
    name = "patroncare.libraries"
    verbose_name = _("Library systems")
