from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.shell import NavEntry, register_nav

register_nav(
    NavEntry(
        key="audit",
        label=_("Audit trail"),
        url_name="audit:trail",
        roles=frozenset({Role.ADMINISTRATOR}),
        order=920,
    )
)
