from django.utils.translation import gettext_lazy as _

from patroncare.accounts import roles
from patroncare.core.shell import NavEntry, register_nav

register_nav(
    NavEntry(
        key="audit",
        label=_("Audit trail"),
        url_name="audit:trail",
        roles=roles.ADMINISTRATORS,
        order=920,
    )
)
