import pytest

from patroncare.conftest import ROLE_KEYS

from .factories import build_records, token_for


class Caller:
    """Calls the API with a personal token of each person of the world (or none, for "anonymous")."""

    def __init__(self, client, world):
        self.client = client
        self.tokens = {key: token_for(world.users[key]) for key in ROLE_KEYS}

    def headers(self, key, **extra):
        headers = dict(extra)
        if key != "anonymous":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.tokens[key]}"
        return headers

    def get(self, key, url, **extra):
        return self.client.get(url, **self.headers(key, **extra))

    def post(self, key, url, data=None, **extra):
        return self.client.post(
            url, data or {}, content_type="application/json", **self.headers(key, **extra)
        )


@pytest.fixture
def records(world):
    return build_records(world)


@pytest.fixture
def api(client, world, records):
    return Caller(client, world)
