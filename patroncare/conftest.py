"""Fixtures shared by every app's tests: a small library world with one member of staff per role."""

from dataclasses import dataclass

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from patroncare.libraries.tests.factories import BranchFactory, LibrarySystemFactory, LocationFactory


@dataclass
class World:
    system: object
    branch: object  # the branch the branch-scoped staff work at
    other_branch: object  # a branch of the same system they do not work at
    other_system: object
    other_system_branch: object
    users: dict  # role key -> user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and single-use marks live in the cache: each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _main_language():
    """Each test starts in English: a Spanish request of the test before leaves its thread in Spanish, and
    a factory's `name=` would then write the Spanish version of a translated field."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


# Keys used by role-matrix tests. "other_system_admin" holds every permission, but in another system.
ROLE_KEYS = [
    "frontline",
    "supervisor",
    "administrator",
    "security",
    "trainer",
    "trustee",
    "other_branch_supervisor",
    "other_system_admin",
]


@pytest.fixture
def world(db) -> World:
    system = LibrarySystemFactory(name="Riverside County Library", slug="riverside")
    branch = BranchFactory(system=system, name="Millbrook Branch", code="MIL")
    other_branch = BranchFactory(system=system, name="Oakton Branch", code="OAK")
    LocationFactory(branch=branch, name="Children's area")
    other_system = LibrarySystemFactory(name="Elsewhere Public Library", slug="elsewhere")
    other_system_branch = BranchFactory(system=other_system, name="Elsewhere Main", code="ELM")
    users = {
        "frontline": UserFactory(library_system=system, roles=[(Role.FRONTLINE, branch)]),
        "supervisor": UserFactory(library_system=system, roles=[(Role.SUPERVISOR, branch)]),
        "administrator": UserFactory(library_system=system, roles=[(Role.ADMINISTRATOR, None)]),
        "security": UserFactory(library_system=system, roles=[(Role.SECURITY, None)]),
        "trainer": UserFactory(library_system=system, roles=[(Role.TRAINER, None)]),
        "trustee": UserFactory(library_system=system, roles=[(Role.TRUSTEE, None)]),
        "other_branch_supervisor": UserFactory(
            library_system=system, roles=[(Role.SUPERVISOR, other_branch)]
        ),
        "other_system_admin": UserFactory(
            library_system=other_system,
            roles=[(Role.ADMINISTRATOR, None), (Role.SUPERVISOR, None), (Role.SECURITY, None)],
        ),
    }
    return World(system, branch, other_branch, other_system, other_system_branch, users)


def sign_in(client, user):
    """Sign in as `user`, past the second factor when they have (or need) one."""
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is None and user.role_assignments.filter(role=Role.ADMINISTRATOR).exists():
        device = TOTPDeviceFactory(user=user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the e-mails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def signed_in(client):
    def _signed_in(user):
        return sign_in(client, user)

    return _signed_in


def check_role_matrix(client, world, url: str, expected: dict, *, hidden_text: str = "") -> None:
    """GET `url` as each role of `world` and compare the status codes with `expected`.

    Every role key must be given, plus "anonymous". When `hidden_text` is given (something only the owning
    system may see), no answer other than 200 may contain it, and neither may the other system's 200.
    """
    assert set(expected) == set(ROLE_KEYS) | {"anonymous"}, "the matrix must name every role"
    actual = {}
    for key in ROLE_KEYS:
        client.logout()
        response = sign_in(client, world.users[key]).get(url)
        actual[key] = response.status_code
        if hidden_text and (response.status_code != 200 or key == "other_system_admin"):
            assert hidden_text not in response.content.decode(), f"{key} saw {hidden_text!r}"
    client.logout()
    response = client.get(url)
    actual["anonymous"] = response.status_code
    assert actual == expected


@pytest.fixture
def role_matrix(client, world):
    def _check(url, expected, **kwargs):
        check_role_matrix(client, world, url, expected, **kwargs)

    return _check


ADMIN_ONLY = {
    "frontline": 403,
    "supervisor": 403,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 403,
    "other_system_admin": 200,
    "anonymous": 302,
}
ADMIN_ONLY_RECORD = {**ADMIN_ONLY, "other_system_admin": 404}
EVERY_MEMBER = {key: 200 for key in ROLE_KEYS} | {"anonymous": 302}


@pytest.fixture
def back_to_the_latest_schema():
    """Migration tests: whatever the test did to the schema, the next test finds every migration applied."""
    from patroncare.testing.migrations import migrate_to_latest

    yield
    migrate_to_latest()
