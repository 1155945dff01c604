"""Fetching the library's mailbox over IMAP (imap-tools), run by the task engine every minute.

Each new message is taken in (`inbound_receive`, idempotent on Message-ID) and then moved to the
"PatronCare" folder, so a crash between the two fetches it again without making it twice.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from imap_tools import AND, MailBox, MailBoxStartTls, MailBoxUnencrypted

from .receiving import inbound_receive

log = logging.getLogger(__name__)
DONE_FOLDER = "PatronCare"


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    user: str
    password: str
    security: str  # "ssl", "starttls" or "none" (a server on this machine only)

    @classmethod
    def from_settings(cls) -> "ImapSettings | None":
        host = getattr(settings, "MAILBOX_IMAP_HOST", "")
        if not host:
            return None
        return cls(
            host=host,
            port=int(getattr(settings, "MAILBOX_IMAP_PORT", 993)),
            user=getattr(settings, "MAILBOX_IMAP_USER", ""),
            password=getattr(settings, "MAILBOX_IMAP_PASSWORD", ""),
            security=getattr(settings, "MAILBOX_IMAP_SECURITY", "ssl"),
        )


def _connect(config: ImapSettings):
    if config.security == "none":
        return MailBoxUnencrypted(config.host, config.port)
    if config.security == "starttls":
        return MailBoxStartTls(config.host, config.port)
    return MailBox(config.host, config.port)


def mailbox_fetch(*, config: ImapSettings | None = None, limit: int = 200) -> int:
    """Take in every message waiting in INBOX. Returns how many were taken in."""
    config = config or ImapSettings.from_settings()
    if config is None:
        return 0
    taken = 0
    with _connect(config).login(config.user, config.password, initial_folder="INBOX") as box:
        if not box.folder.exists(DONE_FOLDER):
            box.folder.create(DONE_FOLDER)
        done = []
        for message in box.fetch(AND(all=True), mark_seen=False, limit=limit, bulk=True):
            try:
                inbound_receive(raw=message.obj.as_bytes())
            except Exception:  # noqa: BLE001  (one unreadable message must not stop the others)
                log.exception("A message in the mailbox could not be taken in; it stays in INBOX")
                continue
            done.append(message.uid)
            taken += 1
        if done:
            box.move(done, DONE_FOLDER)
    return taken
