"""LDAP and Active Directory sign-in through django-auth-ldap, and the daily check for people who left.

The directory proves the password (a bind as the person) and gives their groups; the mapping table of the
library system named by PATRONCARE_LDAP_SYSTEM turns the groups into roles (services.sso_sign_in). The person
types their e-mail address on PatronCare's own sign-in page, as with a local account.
"""

import logging

import ldap
import ldap.filter
from django.conf import settings
from django.utils.translation import gettext as _
from django_auth_ldap.backend import LDAPBackend, ldap_error
from django_auth_ldap.config import LDAPSearch

from patroncare.libraries.models import LibrarySystem

from . import services
from .models import ExternalIdentity, Source

log = logging.getLogger(__name__)


def directory_system() -> LibrarySystem | None:
    slug = getattr(settings, "PATRONCARE_LDAP_SYSTEM", "")
    if not slug or not getattr(settings, "AUTH_LDAP_SERVER_URI", ""):
        return None
    return LibrarySystem.objects.filter(slug=slug).first()


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap, with the account and its roles made by the mapping table, never by the backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not getattr(settings, "AUTH_LDAP_SERVER_URI", ""):
            return None
        self._request = request
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_or_build_user(self, username, ldap_user):
        system = directory_system()
        if system is None:
            raise ldap_user.AuthenticationFailed("no library system for the directory")
        attrs = ldap_user.attrs
        email = (attrs.get("mail") or [username])[0].strip().lower()
        person = services.Person(
            source=Source.LDAP,
            subject=ldap_user.dn.lower(),
            email=email,
            full_name=(attrs.get("displayname") or attrs.get("cn") or [""])[0],
            groups=tuple(ldap_user.group_names),
        )
        try:
            user = services.sso_sign_in(system=system, person=person)
        except services.SignInRefused as refusal:
            # The sign-in form shows this instead of "wrong password": the password was right.
            if self._request is not None:
                self._request.sign_in_refusal = refusal.message
            raise ldap_user.AuthenticationFailed(refusal.reason) from refusal
        return user, False

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def _directory_down(sender, context, user, request=None, exception=None, **kwargs):
    """django-auth-ldap reports a failing directory only through this signal; say so on the sign-in form."""
    if request is not None and isinstance(
        exception, ldap.SERVER_DOWN | ldap.TIMEOUT | ldap.TIMELIMIT_EXCEEDED
    ):
        request.sign_in_refusal = _(
            "The library's directory does not answer, so your password cannot be checked. Try again in a few "
            "minutes, or ask your library's administrator."
        )


ldap_error.connect(_directory_down, dispatch_uid="patroncare.sso.directory_down")


def _connection():
    connection = ldap.initialize(settings.AUTH_LDAP_SERVER_URI)
    connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 5)
    connection.simple_bind_s(settings.AUTH_LDAP_BIND_DN, settings.AUTH_LDAP_BIND_PASSWORD)
    return connection


def groups_of(connection, dn: str) -> list[str]:
    search: LDAPSearch = settings.AUTH_LDAP_GROUP_SEARCH
    found = connection.search_s(
        search.base_dn,
        search.scope,
        f"(&{search.filterstr}(member={ldap.filter.escape_filter_chars(dn)}))",
        ["cn"],
    )
    return [attrs["cn"][0].decode() for group_dn, attrs in found if group_dn and attrs.get("cn")]


def check_leavers() -> int:
    """Switch off each directory account whose person is gone or holds no mapped group. Returns how many."""
    system = directory_system()
    if system is None:
        return 0
    connection = _connection()
    withdrawn = 0
    try:
        identities = ExternalIdentity.objects.select_related("user").filter(
            library_system=system, source=Source.LDAP, deactivated_by_directory=False, user__is_active=True
        )
        for identity in identities:
            try:
                connection.search_s(identity.subject, ldap.SCOPE_BASE, "(objectClass=*)", ["1.1"])
                groups = groups_of(connection, identity.subject)
            except ldap.NO_SUCH_OBJECT:
                groups = []
            if not services.roles_for(system=system, source=Source.LDAP, groups=groups):
                services.identity_withdraw(identity=identity)
                withdrawn += 1
    finally:
        connection.unbind_s()
    log.info("Directory check: %s account(s) switched off", withdrawn)
    return withdrawn
