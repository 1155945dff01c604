"""Reads of the sign-on configuration. Pure: no writes, scoped to the reader's library system."""

from django.db.models import QuerySet
from django.http import Http404

from patroncare.libraries.models import LibrarySystem

from .models import OidcProvider, RoleMapping


def provider_for_sign_in(*, slug: str) -> OidcProvider:
    """The enabled provider of the system with that short name, for the public sign-in step; 404 otherwise."""
    provider = (
        OidcProvider.objects.select_related("library_system")
        .filter(library_system__slug=slug, enabled=True)
        .first()
    )
    if provider is None:
        raise Http404
    return provider


def providers_on_sign_in_page() -> QuerySet[OidcProvider]:
    return OidcProvider.objects.filter(enabled=True).select_related("library_system").order_by("name")


def provider_of(*, user) -> OidcProvider | None:
    return OidcProvider.objects.filter(library_system_id=user.library_system_id).first()


def mappings_of(*, user) -> QuerySet[RoleMapping]:
    return RoleMapping.objects.filter(library_system_id=user.library_system_id).select_related("branch")


def mapping_get_for(*, user, pk: int) -> RoleMapping:
    mapping = RoleMapping.objects.filter(pk=pk, library_system_id=user.library_system_id).first()
    if mapping is None:
        raise Http404
    return mapping


def system_of(*, user) -> LibrarySystem:
    return user.library_system
