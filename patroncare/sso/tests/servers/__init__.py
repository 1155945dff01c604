"""Real servers for the sign-on tests: Node's oidc-provider and Debian's slapd, started on free ports.

Each runs as a normal child process of the test run (never a system service) and stops with it. Outside CI a
test that needs a missing server binary is skipped with the reason; with CI=true it fails instead.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")
SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
SLAPADD = shutil.which("slapadd") or ("/usr/sbin/slapadd" if Path("/usr/sbin/slapadd").exists() else None)
OIDC_PROVIDER_PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "oidc-provider"
CLIENT_ID = "patroncare-riverside"
CLIENT_SECRET = "provider-test-secret-0123456789"
BASE_DN = "dc=riverbend,dc=example"
ADMIN_DN = f"cn=admin,{BASE_DN}"
ADMIN_PASSWORD = "directory-admin-password"

# The provider's test accounts: login → claims and password.
ACCOUNTS = {
    "maria": {
        "password": "provider-pass-1",
        "email": "maria.santos@riverside.example",
        "name": "Maria Santos",
        "groups": ["PatronCare Desk"],
        "mfa": False,
    },
    "dana": {
        "password": "provider-pass-2",
        "email": "dana.reyes@riverside.example",
        "name": "Dana Reyes",
        "groups": ["PatronCare Admins"],
        "mfa": True,
    },
    "omar": {
        "password": "provider-pass-3",
        "email": "omar.hale@riverside.example",
        "name": "Omar Hale",
        "groups": ["PatronCare Admins"],
        "mfa": False,
    },
    "lee": {
        "password": "provider-pass-4",
        "email": "lee.park@riverside.example",
        "name": "Lee Park",
        "groups": ["Maintenance"],
        "mfa": False,
    },
    "outsider": {
        "password": "provider-pass-5",
        "email": "sam@gmail.example",
        "name": "Sam",
        "groups": ["PatronCare Desk"],
        "mfa": False,
    },
}


def need(binary, what: str) -> None:
    if binary:
        return
    reason = f"{what} is not installed (make test-servers installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; in CI the server tests must run")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process, *, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server stopped at start (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"The server did not listen on {port} within {seconds} s")


@dataclass
class RunningServer:
    process: subprocess.Popen
    port: int

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def uri(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_oidc_provider(*, clock_skew_seconds: int = 0) -> RunningServer:
    need(NODE, "Node.js")
    need(OIDC_PROVIDER_PACKAGE.exists() or None, "The npm package oidc-provider (npm ci)")
    port = free_port()
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_PREFIXES": "http://testserver/sso/ http://localhost: http://127.0.0.1:",
        "OIDC_ACCOUNTS": json.dumps(ACCOUNTS),
        "OIDC_CLOCK_SKEW_SECONDS": str(clock_skew_seconds),
        "NODE_NO_WARNINGS": "1",
    }
    process = subprocess.Popen(  # noqa: S603 (our own script, run by Node from PATH)
        [NODE, str(HERE / "oidc_provider.mjs")],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RunningServer(process=process, port=port)
    try:
        wait_for_port(port, process)
    except RuntimeError:
        server.stop()
        raise
    return server


SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {root}/slapd.pid
database mdb
maxsize 10485760
suffix "{base}"
rootdn "{admin}"
rootpw {password}
directory {root}/data
access to attrs=userPassword by self read by anonymous auth by * none
access to * by * read
"""


def start_slapd() -> tuple[RunningServer, str]:
    need(SLAPD, "Debian's slapd")
    root = tempfile.mkdtemp(prefix="patroncare-slapd-")
    (Path(root) / "data").mkdir()
    conf = Path(root) / "slapd.conf"
    conf.write_text(SLAPD_CONF.format(root=root, base=BASE_DN, admin=ADMIN_DN, password=ADMIN_PASSWORD))
    subprocess.run(  # noqa: S603 (Debian's slapadd loads the directory offline, before the server starts)
        [SLAPADD, "-f", str(conf), "-l", str(HERE / "directory.ldif")],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [SLAPD, "-f", str(conf), "-h", f"ldap://127.0.0.1:{port}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RunningServer(process=process, port=port)
    try:
        wait_for_port(port, process)
    except RuntimeError:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server, root
