import re
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from patroncare.accounts.models import Role
from patroncare.sso.models import Source

from . import servers
from .factories import OidcProviderFactory, RoleMappingFactory


@pytest.fixture(scope="session")
def oidc_server():
    """Node's oidc-provider, once for the whole run (about half a second to start)."""
    server = servers.start_oidc_provider()
    yield server
    server.stop()


@pytest.fixture
def expired_token_server():
    """The same provider with its clock two hours behind: every ID token it signs has already expired."""
    server = servers.start_oidc_provider(clock_skew_seconds=-2 * 60 * 60)
    yield server
    server.stop()


@pytest.fixture
def provider(world, oidc_server):
    """The provider of the Riverside system, with the desk group giving front-line at Millbrook and the
    administrators' group giving administrator for the whole system."""
    RoleMappingFactory(
        library_system=world.system,
        source=Source.OIDC,
        group="PatronCare Desk",
        role=Role.FRONTLINE,
        branch=world.branch,
    )
    RoleMappingFactory(
        library_system=world.system, source=Source.OIDC, group="PatronCare Admins", role=Role.ADMINISTRATOR
    )
    return OidcProviderFactory(library_system=world.system, issuer=oidc_server.issuer)


def provider_round_trip(
    client, login: str, *, slug: str = "riverside", password: str | None = None, follow=True
):
    """Start at our button, sign in at the real provider's form, come back to our callback with its answer."""
    start = client.get(f"/sso/{slug}/start/")
    if start.status_code != 302 or not start["Location"].startswith("http://127.0.0.1"):
        return start if not follow else client.get(start["Location"])
    browser = requests.Session()
    url = start["Location"]
    for _hop in range(10):
        if url.startswith("http://testserver/"):
            parts = urlsplit(url)
            return client.get(f"{parts.path}?{parts.query}", follow=follow)
        response = browser.get(url, allow_redirects=False, timeout=5)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        action = re.search(r'action="([^"]+)"', response.text)
        assert action, f"the provider showed no sign-in form: {response.status_code} {response.text[:200]}"
        account = servers.ACCOUNTS[login]
        response = browser.post(
            urljoin(url, action.group(1)),
            data={"login": login, "password": password or account["password"]},
            allow_redirects=False,
            timeout=5,
        )
        url = urljoin(url, response.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


@pytest.fixture
def directory_server():
    server, root = servers.start_slapd()
    yield server
    server.stop()
    import shutil

    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def directory(settings, world, directory_server):
    """PatronCare configured for the Riverbend directory, run by Debian's slapd on a free port."""
    settings.AUTH_LDAP_SERVER_URI = directory_server.uri
    settings.AUTH_LDAP_BIND_DN = servers.ADMIN_DN
    settings.AUTH_LDAP_BIND_PASSWORD = servers.ADMIN_PASSWORD
    settings.PATRONCARE_LDAP_SYSTEM = world.system.slug
    import ldap
    from django_auth_ldap.config import LDAPSearch

    settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(
        f"ou=people,{servers.BASE_DN}", ldap.SCOPE_SUBTREE, "(mail=%(user)s)"
    )
    settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
        f"ou=groups,{servers.BASE_DN}", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
    )
    RoleMappingFactory(
        library_system=world.system,
        source=Source.LDAP,
        group="Circulation Desk",
        role=Role.FRONTLINE,
        branch=world.branch,
    )
    return directory_server
