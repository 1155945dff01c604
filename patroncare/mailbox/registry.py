"""How a reply reaches a record: each module that mails patrons registers a source at start-up.

The mailbox sits below the modules it serves, so it never imports them; complaints registers
`CaseSource(key="complaints", ...)` from its shell module.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseSource:
    key: str
    # record id -> the patron's address now, or "" (the sender of a reply must be this address).
    patron_email: Callable[[int], str]
    # (record id, text, attachments) -> add the patron's message to the record and tell its owner.
    # Raises ValidationError when the record takes no messages (closed for good, removed).
    add_reply: Callable[..., None]
    # (system, sender, sender_name, text, language, message_id) -> id of the new record, made through the
    # same intake as the public form.
    start_case: Callable[..., int]
    # (record id, sent mail) -> note on the record that the patron did not get the message; tell its owner.
    bounced: Callable[..., None]
    # record id -> how staff refer to it ("C-2026-0012"), "" if it is gone.
    reference: Callable[[int], str]
    # (user, record id) -> may this person read the record (and so the mail attached to it)?
    may_read: Callable[..., bool]
    # record id -> the page of the record.
    url: Callable[[int], str]


SOURCES: dict[str, CaseSource] = {}
NEW_CASE_SOURCE = "complaints"  # what mail to a library address without a reference starts


def register_source(source: CaseSource) -> None:
    SOURCES[source.key] = source


def source_for(key: str) -> CaseSource | None:
    return SOURCES.get(key)
