"""Telling the people who must decide something about an exclusion that it waits for them."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from patroncare.accounts import roles
from patroncare.notifications.services import tell


def deciders(*, exclusion, may) -> list:
    """Active people of the exclusion's system for whom `may(person)` holds (the decision's permission)."""
    system = exclusion.system
    candidates = (
        get_user_model()
        .objects.filter(library_system_id=system.pk, is_active=True)
        .filter(Q(role_assignments__role__in=roles.OVERSIGHT) | Q(pk=system.director_id))
        .distinct()
        .order_by("email")
    )
    return [person for person in candidates if may(person)]


def tell_deciders(*, exclusion, may, kind: str, line, url_name: str, url_args, target) -> int:
    return tell(
        users=deciders(exclusion=exclusion, may=may),
        kind=kind,
        line=line,
        params={"branch": exclusion.branch.name if exclusion.branch_id else ""},
        url_name=url_name,
        url_args=url_args,
        target=target,
    )
