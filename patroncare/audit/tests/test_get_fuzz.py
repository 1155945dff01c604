"""No crafted query string makes a page answer 500.

Every page with a GET handler is fetched as several roles; the names of its GET forms' fields (the filters,
the search box, the period) are read from the page. Hypothesis then fills those fields, and a few names every
list reads (page, q, sort), with crafted values: out-of-range and malformed dates, huge and negative numbers,
long text, control characters and NUL, bytes that are not UTF-8. A page may refuse such input (200 with a
message, 400, 404), never fail. Runs on both databases: PostgreSQL refuses a NUL in a string where SQLite
does not.
"""

from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_read_audit import GET_URLS, KWARGS

pytestmark = pytest.mark.django_db

ROLES = ["director", "frontline"]
ALWAYS_TRIED = ["page", "q", "sort", "period", "start", "end", "branch", "status", "cursor"]


class _GetFormFields(HTMLParser):
    """The names of the fields of the page's GET forms."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in {"input", "select", "textarea"} and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _targets(client, signed_in, patrons) -> list[tuple[str, str, list[str]]]:
    targets = []
    for key in ROLES:
        signed_in(patrons.world.users[key])
        for name, has_args in GET_URLS:
            if has_args and name not in KWARGS:
                continue
            url = reverse(name, kwargs=KWARGS[name](patrons) if has_args else None)
            response = client.get(url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            parser = _GetFormFields()
            parser.feed(response.content.decode("utf-8", "replace"))
            fields = sorted(parser.names - {"csrfmiddlewaretoken"})
            targets.append((key, url, sorted(set(fields) | set(ALWAYS_TRIED))))
        client.logout()
    return targets


CRAFTED = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "2026-02-30",
            "2024-02-29",
            "2023-02-29",
            "0000-00-00",
            "9999-12-31",
            "31/12/2026",
            "12/31/2026 25:61",
            "2026-13-01T00:00",
            "\x00",
            "a\x00b",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "%",
            "🙂" * 40,
            "x" * 5000,
            "-",
            "id",
            "-received_at",
            "__all__",
        ]
    ),
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
)


def test_no_crafted_query_string_makes_a_page_fail(client, signed_in, patrons):
    targets = _targets(client, signed_in, patrons)
    assert len(targets) > 60, "the walk must reach the pages"
    users = patrons.world.users
    fetched = []

    @settings(
        max_examples=200,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        target=st.sampled_from(targets),
        chosen=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=4),
        values=st.lists(CRAFTED, min_size=4, max_size=4),
        raw_bytes=st.booleans(),
    )
    def fetch(target, chosen, values, raw_bytes):
        key, url, fields = target
        params = {fields[index % len(fields)]: value for index, value in zip(chosen, values, strict=False)}
        query = urlencode(params)
        if raw_bytes:
            # A byte that is not UTF-8, as a broken client or a crafted link sends it.
            query += "&" + quote(fields[0]) + "=%FF%FE"
        signed_in(users[key])
        response = client.get(f"{url}?{query}")
        if response.streaming:
            b"".join(response.streaming_content)
        fetched.append(url)
        assert response.status_code < 500, f"{key} GET {url}?{query} answered {response.status_code}"

    fetch()
    assert len(fetched) >= 200
