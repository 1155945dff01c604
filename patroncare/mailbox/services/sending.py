"""Mail to a patron: recorded, with a reply address of its own that is also where a bounce comes back."""

import secrets
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction

from patroncare.core.mail import send_after_commit

from ..models import LibraryAddress, SentMail

TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # noqa: S105  (not a password: no 0/o or 1/l)
TOKEN_LENGTH = 14  # about 70 random bits: a reply address cannot be guessed


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def library_address(system) -> str:
    """The address patrons write to for this system, else the installation's (PATRONCARE_MAIL_ADDRESS)."""
    found = LibraryAddress.objects.filter(system=system).order_by("id").values_list("address", flat=True)
    return next(iter(found), "") or getattr(settings, "PATRONCARE_MAIL_ADDRESS", "")


def reply_address(*, system, token: str) -> str:
    """`complaints+<token>@library.example`, or "" when no address is set up (replies then go nowhere)."""
    address = library_address(system)
    if not address or "@" not in address:
        return ""
    local, domain = address.split("@", 1)
    return f"{local}+{token}@{domain}"


@transaction.atomic
def patron_mail_send(*, system, source: str, record_id: int, to: str, subject: str, body: str) -> SentMail:
    """Record the message and send it once the transaction commits, replies and bounces addressed to it."""
    token = new_token()
    reply_to = reply_address(system=system, token=token)
    domain = reply_to.split("@", 1)[1] if reply_to else "patroncare.invalid"
    sent = SentMail(
        system=system,
        source=source,
        record_id=record_id,
        token=token,
        message_id=make_msgid(idstring=token, domain=domain),
        subject=" ".join(subject.split())[:300],
    )
    sent.full_clean()
    sent.save()
    envelope = {"headers": {"Message-ID": sent.message_id, "X-PatronCare-Reply": token}}
    if reply_to:
        envelope.update(reply_to=[reply_to], envelope_from=reply_to)
    send_after_commit(subject=subject, body=body, to=[to], **envelope)
    return sent
