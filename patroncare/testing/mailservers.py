"""Real mail servers for the tests: Debian's Dovecot (IMAP) and aiosmtpd (SMTP), each started as a normal
process or thread on a free port with its own configuration in a temporary directory.

Without Dovecot installed the IMAP tests are skipped on a developer's machine and fail in CI (CI=true):
`make mail-servers` installs it.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Nothing answered on port {port}")


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    directory: Path


_CONFIG = """
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:{dir}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
"""


@pytest.fixture(scope="session")
def imap_server():
    """A Dovecot with one mailbox (user "library"), for the whole test session."""
    if not os.access(DOVECOT, os.X_OK):
        if os.environ.get("CI") == "true":
            pytest.fail("Dovecot is not installed: `make mail-servers` installs Debian's dovecot-imapd.")
        pytest.skip("Dovecot is not installed (make mail-servers)")
    directory = Path(tempfile.mkdtemp(prefix="patroncare-imap-"))
    directory.chmod(0o755)  # Dovecot's login processes run as its own user and must reach the sockets
    (directory / "mail").mkdir()
    if os.getuid() == 0:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid  # Dovecot never opens a mailbox as root
        os.chown(directory / "mail", uid, gid)
    else:
        uid, gid = os.getuid(), os.getgid()
    password = "mailbox-test-password"  # noqa: S105  (a throwaway server on 127.0.0.1)
    (directory / "users").write_text(f"library:{{PLAIN}}{password}\n")
    port = free_port()
    config = directory / "dovecot.conf"
    config.write_text(_CONFIG.format(dir=directory, uid=uid, gid=gid, port=port))
    process = subprocess.Popen(  # noqa: S603
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for(port)
    except RuntimeError:
        process.kill()
        raise RuntimeError(f"Dovecot did not start: {process.stderr.read().decode()[:2000]}") from None
    yield ImapServer(host="127.0.0.1", port=port, user="library", password=password, directory=directory)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(directory, ignore_errors=True)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[Received] = field(default_factory=list)

    def wait_for(self, count: int, seconds: float = 5.0) -> list[Received]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.messages)


class _Collect:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.server.messages.append(
            Received(mail_from=envelope.mail_from, rcpt_tos=list(envelope.rcpt_tos), data=envelope.content)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on a free port; Django sends to it over SMTP, the test reads what arrived."""
    from aiosmtpd.controller import Controller

    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(_Collect(server), hostname=server.host, port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    controller.stop()
