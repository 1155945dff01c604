"""Reading a page changes nothing: a GET writes only the audit trail and the session.

Every URL with a GET handler is fetched as each role, in the system of the read-audit tests (the same
parameters, the same records). Any INSERT, UPDATE or DELETE during the GET on another table fails the test,
with the page and the statement. A GET that must change something is a bug: the change belongs in a POST.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .test_read_audit import GET_URLS, KWARGS, ROLES_TRIED

# A thousand requests: run once, in the SQLite run; what a GET writes does not depend on the engine.
pytestmark = [pytest.mark.django_db, pytest.mark.once]

# What a GET may write: the trail of who read what, the signed-in session, the sign-in lockout records, and
# the second factor's last use (django-otp notes the moment a device was last verified).
MAY_WRITE = re.compile(r'^"?(audit_auditevent|django_session|axes_\w+|otp_totp_totpdevice)"?$')
# Known writes on GET, each with the reason it is still there.
# Writes a GET may make for a reason, by (URL name, table): none. A letter is issued by a POST.
KNOWN: dict[tuple[str, str], str] = {}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _writes(queries) -> list[tuple[str, str]]:
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and not MAY_WRITE.match(match.group(2)):
            found.append((match.group(2), query["sql"][:160]))
    return found


def test_no_get_writes_anything_but_the_audit_trail_and_the_session(client, signed_in, patrons):
    written, fetched = [], 0
    urls = [
        (name, reverse(name, kwargs=KWARGS[name](patrons) if has_args else None))
        for name, has_args in GET_URLS
        if not has_args or name in KWARGS
    ]
    for key in ROLES_TRIED:
        signed_in(patrons.world.users[key])
        for name, url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            fetched += 1
            written += [
                (key, name, table, sql)
                for table, sql in _writes(queries.captured_queries)
                if (name, table) not in KNOWN
            ]
        client.logout()
    assert fetched > 300, "the walk must reach the pages"
    assert written == []
