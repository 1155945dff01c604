from django.utils.translation import gettext_lazy

from patroncare.accounts import roles
from patroncare.core.shell import NavEntry, register_nav

register_nav(
    NavEntry(
        key="patrons", label=gettext_lazy("People"), url_name="patrons:list", roles=roles.OVERSIGHT, order=60
    )
)
