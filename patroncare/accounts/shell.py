from django.utils.translation import gettext_lazy as _

from patroncare.core.shell import NavEntry, register_nav

from . import roles

register_nav(
    NavEntry(
        key="staff",
        label=_("Staff"),
        url_name="accounts:staff_list",
        roles=roles.ADMINISTRATORS,
        order=910,
    )
)
