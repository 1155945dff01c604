"""Reading an e-mail as received: who sent it, to which address, its text without quoted history and
signature, its files, and whether it is a delivery failure."""

import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags


@dataclass
class Parsed:
    message_id: str
    sender: str
    sender_name: str
    recipients: list[str]
    subject: str
    references: list[str]
    text: str
    language: str
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)  # (name, declared type, bytes)
    auth_failed: bool = False
    is_bounce: bool = False
    bounce_reason: str = ""
    bounced_ids: list[str] = field(default_factory=list)  # what the failure report names as the message


_ID = re.compile(r"<[^<>\s]+>")
_AUTH_FAIL = re.compile(r"\b(spf|dkim|dmarc)=(fail|softfail|permerror)\b", re.IGNORECASE)


def parse(raw: bytes) -> Parsed:
    message: EmailMessage = message_from_bytes(raw, policy=policy.default)
    sender_name, sender = parseaddr(str(message.get("From", "")))
    recipients = [
        address.lower()
        for _name, address in getaddresses(
            [
                str(value)
                for header in ("To", "Cc", "Delivered-To", "X-Original-To")
                for value in message.get_all(header, [])
            ]
        )
        if address
    ]
    references = _ID.findall(str(message.get("In-Reply-To", "")) + " " + str(message.get("References", "")))
    parsed = Parsed(
        message_id=(_ID.findall(str(message.get("Message-ID", ""))) or [""])[0],
        sender=sender.lower(),
        sender_name=sender_name.strip()[:150],
        recipients=recipients,
        subject=" ".join(str(message.get("Subject", "")).split())[:300],
        references=references,
        text="",
        language="es" if str(message.get("Content-Language", "")).lower().startswith("es") else "",
        auth_failed=any(
            _AUTH_FAIL.search(str(value)) for value in message.get_all("Authentication-Results", [])
        ),
    )
    if message.get_content_type() == "multipart/report" or _looks_like_daemon(sender):
        _read_bounce(message, parsed)
        return parsed
    plain = message.get_body(preferencelist=("plain",))
    parsed.text = plain.get_content() if plain is not None else ""
    if not parsed.text.strip():
        html = message.get_body(preferencelist=("html",))
        parsed.text = html_to_text(html.get_content()) if html is not None else ""
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        if part.get_content_maintype() == "multipart" or (not name and part.get_content_maintype() == "text"):
            continue
        parsed.attachments.append(
            (name or "attachment", part.get_content_type(), part.get_payload(decode=True) or b"")
        )
    parsed.text = trim(parsed.text)
    return parsed


_QUOTE_BLOCK = re.compile(r"<blockquote\b.*?</blockquote>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<(br|/p|/div|/li)\b[^>]*>", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """The text of an HTML-only reply, without the quoted block clients put in <blockquote>."""
    return strip_tags(_BREAKS.sub("\n", _QUOTE_BLOCK.sub("", html))).replace("&nbsp;", " ")


def _looks_like_daemon(sender: str) -> bool:
    local = sender.split("@", 1)[0].lower()
    return local in {"mailer-daemon", "postmaster"}


def _read_bounce(message: EmailMessage, parsed: Parsed) -> None:
    parsed.is_bounce = True
    reasons = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in part.get_payload():
                for header in ("Diagnostic-Code", "Status", "Action"):
                    if block.get(header):
                        reasons.append(f"{header}: {' '.join(str(block.get(header)).split())}")
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list):
                inner = inner[0] if inner else None
            text = inner.as_string() if hasattr(inner, "as_string") else str(inner or "")
            for line in text.splitlines():
                if line.lower().startswith("message-id:"):
                    parsed.bounced_ids += _ID.findall(line)
    parsed.bounce_reason = "; ".join(reasons)[:300] or "The receiving server returned the message."


# Where the quoted history of a reply starts, in the languages patrons write in and the clients they use.
_HISTORY = [
    re.compile(r"^\s*On .{3,200}wrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*El .{3,200}escribi[oó]:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|Mensaje original)\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*(From|De):\s.+$"),
]
_SIGNATURE = [
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*(Sent from|Get Outlook for|Enviado desde)\b.*$", re.IGNORECASE),
]


def trim(text: str) -> str:
    """The new part of a reply: up to the quoted history or the signature, without quoted (>) lines."""
    kept = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if any(pattern.match(line) for pattern in _HISTORY + _SIGNATURE):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
