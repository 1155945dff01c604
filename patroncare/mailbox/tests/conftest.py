import pytest
from imap_tools import MailBoxUnencrypted

from patroncare.mailbox.models import LibraryAddress
from patroncare.mailbox.services.imap import DONE_FOLDER, ImapSettings

LIBRARY_ADDRESS = "complaints@riverside.example"


@pytest.fixture
def library_address(world):
    return LibraryAddress.objects.create(system=world.system, address=LIBRARY_ADDRESS)


class Mailbox:
    """The library's real IMAP mailbox: a test delivers into it, the task engine's job fetches from it."""

    def __init__(self, server):
        self.config = ImapSettings(
            host=server.host, port=server.port, user=server.user, password=server.password, security="none"
        )

    def _box(self):
        return MailBoxUnencrypted(self.config.host, self.config.port).login(
            self.config.user, self.config.password
        )

    def deliver(self, raw: bytes) -> None:
        with self._box() as box:
            box.append(raw, "INBOX")

    def count(self, folder: str) -> int:
        with self._box() as box:
            if not box.folder.exists(folder):
                return 0
            box.folder.set(folder)
            return len(list(box.uids()))

    def empty(self) -> None:
        with self._box() as box:
            for folder in ("INBOX", DONE_FOLDER):
                if box.folder.exists(folder):
                    box.folder.set(folder)
                    uids = list(box.uids())
                    if uids:
                        box.delete(uids)


@pytest.fixture
def mailbox(imap_server, settings):
    box = Mailbox(imap_server)
    box.empty()
    settings.MAILBOX_IMAP_HOST, settings.MAILBOX_IMAP_PORT = imap_server.host, imap_server.port
    settings.MAILBOX_IMAP_USER, settings.MAILBOX_IMAP_PASSWORD = imap_server.user, imap_server.password
    settings.MAILBOX_IMAP_SECURITY = "none"
    yield box
    box.empty()
