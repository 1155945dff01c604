from django.utils.translation import gettext_lazy

from patroncare.core.shell import NavEntry, register_nav

from .permissions import REVIEW_ROLES

register_nav(
    NavEntry(
        key="mailbox",
        label=gettext_lazy("Mail review"),
        url_name="mailbox:queue",
        roles=frozenset(REVIEW_ROLES),
        order=90,
    )
)
