"""Nothing acknowledged is lost when a web worker dies or the database drops its connections.

A real gunicorn with three workers serves the public feedback form from the test database (PostgreSQL).
Eight clients send 120 messages, each with its own submission token, and send again with the same token
when the answer is not the "thanks" page, as a browser's second press does. During the run one worker is
killed with SIGKILL and, later, PostgreSQL terminates every connection of the server. Afterwards every
message the server acknowledged is stored exactly once, and no token made two cases.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection

from patroncare.complaints.forms.intake import FORM_STAMP_SALT
from patroncare.complaints.models import Complaint
from patroncare.libraries.tests.factories import BranchFactory, LibrarySystemFactory

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not POSTGRES, reason="a fault run needs a database server to drop its connections"),
]

CLIENTS = 8
MESSAGES_EACH = 15
ATTEMPTS = 4
ROOT = Path(settings.BASE_DIR)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    system = LibrarySystemFactory(slug="faults")
    BranchFactory(system=system)
    database = settings.DATABASES["default"]
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.load",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_BROKER_URL": "",
        # Persistent connections, as in production: the ones PostgreSQL drops mid-run are really in use.
        "DATABASE_CONN_MAX_AGE": "600",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, from the project's virtual environment
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            probe = HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/health/")
            if probe.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
    yield port, process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _workers(master_pid: int) -> list[int]:
    """The worker processes of gunicorn's master (its children), read from /proc."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            children.append(int(status.parent.name))
    return children


class Patron:
    """One browser: a cookie jar, the form's CSRF token, and a second press when an answer is not 'thanks'."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()
        self.csrf = ""

    def _request(self, method, path, body=None):
        client = HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response.status, response.getheader("Location", ""), response.read().decode("utf-8", "replace")

    def open_form(self):
        status, _location, page = self._request("GET", "/feedback/?library=faults")
        assert status == 200, page[:500]
        self.csrf = CSRF_FIELD.search(page).group(1)

    def send(self, token: uuid.UUID, narrative: str) -> bool:
        """True once the server answers with the thanks page, trying up to ATTEMPTS times with one token."""
        for _attempt in range(ATTEMPTS):
            started = signing.dumps({"t": time.time() - 10, "k": str(token)}, salt=FORM_STAMP_SALT)
            body = urlencode(
                {
                    "csrfmiddlewaretoken": self.csrf,
                    "library": "faults",
                    "kind": "complaint",
                    "narrative": narrative,
                    "website": "",
                    "started": started,
                    "token": str(token),
                }
            )
            try:
                status, location, _page = self._request("POST", "/feedback/?library=faults", body)
            except OSError:
                time.sleep(0.3)
                continue
            if status == 302 and location.endswith("/feedback/thanks/"):
                return True
            time.sleep(0.3)
        return False


def test_every_acknowledged_message_is_stored_once_through_a_killed_worker_and_dropped_connections(server):
    port, master = server
    acknowledged, unacknowledged, sent = [], [], threading.Semaphore(0)

    def patron_sends(number):
        patron = Patron(port)
        patron.open_form()
        for index in range(MESSAGES_EACH):
            token = uuid.uuid4()
            ok = patron.send(
                token, f"Fault run message {number}-{index}: the lift on the second floor is stuck."
            )
            (acknowledged if ok else unacknowledged).append(token)
            sent.release()

    clients = [threading.Thread(target=patron_sends, args=(number,)) for number in range(CLIENTS)]
    began = time.monotonic()
    for client in clients:
        client.start()
    total = CLIENTS * MESSAGES_EACH
    for count in range(1, total + 1):
        sent.acquire()
        if count == total // 3:
            os.kill(_workers(master.pid)[0], signal.SIGKILL)
        if count == 2 * total // 3:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                assert cursor.fetchone()[0] >= 1, "the server's connections must be dropped"
    for client in clients:
        client.join()
    elapsed = time.monotonic() - began
    print(
        f"faults: {len(acknowledged)} of {total} acknowledged in {elapsed:.1f} s, {len(unacknowledged)} not"
    )

    stored = Complaint.objects.filter(submission_token__in=acknowledged).values_list(
        "submission_token", flat=True
    )
    assert len(acknowledged) >= total * 0.9, f"only {len(acknowledged)} of {total} were acknowledged"
    assert sorted(stored) == sorted(acknowledged)
    assert Complaint.objects.filter(system__slug="faults").count() <= total
