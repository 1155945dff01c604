"""An e-mail that came in: matched to the message it answers, added to its case, turned into a new case,
recorded as a delivery failure, or held for review. It is stored as received first, so nothing is lost."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from patroncare.core.files import check_upload

from .. import events
from ..models import InboundAttachment, InboundMail, InboundStatus, LibraryAddress, ReviewReason, SentMail
from ..registry import NEW_CASE_SOURCE, source_for
from .parsing import Parsed, parse


def max_message_bytes() -> int:
    return getattr(settings, "MAILBOX_MAX_MESSAGE_BYTES", 15 * 1024 * 1024)


def max_attachment_bytes() -> int:
    return getattr(settings, "COMPLAINTS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)


def _token_in(address: str) -> str:
    local = address.split("@", 1)[0]
    return local.split("+", 1)[1] if "+" in local else ""


def _base_address(address: str) -> str:
    local, _sep, domain = address.partition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _answered(parsed: Parsed) -> tuple[SentMail | None, bool]:
    """(the message this answers, whether an address named a token we never sent)."""
    tokens = [token for token in map(_token_in, parsed.recipients) if token]
    if tokens:
        found = SentMail.objects.filter(token__in=tokens).select_related("system").first()
        if found is not None:
            return found, False
    ids = parsed.references + parsed.bounced_ids
    if ids:
        found = SentMail.objects.filter(message_id__in=ids).select_related("system").first()
        if found is not None:
            return found, False
    return None, bool(tokens)


def inbound_receive(*, raw: bytes) -> InboundMail:
    """Take in one message. Receiving the same message again (same Message-ID) returns the first record."""
    parsed = parse(raw)
    message_id = parsed.message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()}@patroncare.invalid>"
    existing = InboundMail.objects.filter(message_id=message_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _receive(parsed, raw, message_id)
    except IntegrityError:
        # The same message fetched twice at once: the unique Message-ID let only one through.
        return InboundMail.objects.get(message_id=message_id)


def _receive(parsed: Parsed, raw: bytes, message_id: str) -> InboundMail:
    answered, bad_token = _answered(parsed)
    library = (
        LibraryAddress.objects.filter(address__in=[_base_address(a) for a in parsed.recipients])
        .select_related("system")
        .first()
    )
    system = answered.system if answered else (library.system if library else _system_by_domain(parsed))
    mail = InboundMail(
        system=system,
        message_id=message_id[:250],
        sender=(parsed.sender or "unknown@invalid")[:254],
        subject=parsed.subject,
        size=len(raw),
        text=parsed.text,
        status=InboundStatus.REVIEW,
        answers=answered,
        source=answered.source if answered else "",
        record_id=answered.record_id if answered else None,
    )
    mail.raw.save("message.eml", ContentFile(raw), save=False)

    if parsed.is_bounce:
        return _bounce(mail, parsed, answered)
    if len(raw) > max_message_bytes():
        return _hold(mail, ReviewReason.TOO_LARGE, f"{len(raw)} bytes")
    files, refusal = _checked_files(parsed)
    if refusal is not None:
        return _hold(mail, *refusal)
    if answered is not None:
        return _to_case(mail, parsed, answered, files)
    if bad_token:
        return _hold(mail, ReviewReason.BAD_TOKEN)
    if library is not None:
        return _new_case(mail, parsed, library.system, files)
    return _hold(mail, ReviewReason.UNKNOWN)


def _system_by_domain(parsed: Parsed):
    """Mail to another address of a library's own domain belongs to that library's review queue."""
    domains = {address.rpartition("@")[2] for address in parsed.recipients}
    systems = {
        address.system_id: address.system
        for address in LibraryAddress.objects.select_related("system")
        if address.domain.lower() in domains
    }
    return next(iter(systems.values())) if len(systems) == 1 else None


def _save(mail: InboundMail) -> InboundMail:
    mail.full_clean()
    mail.save()
    return mail


def _hold(mail: InboundMail, reason: str, detail: str = "") -> InboundMail:
    mail.status, mail.reason, mail.detail = InboundStatus.REVIEW, reason, str(detail)[:300]
    _save(mail)
    events.mail_held(mail=mail)
    return mail


def _checked_files(parsed: Parsed):
    """([(name, type, bytes)] that pass the upload checks, None) or (None, (reason, detail))."""
    kept = []
    for name, _declared, content in parsed.attachments:
        upload = ContentFile(content, name=name)
        try:
            content_type = check_upload(upload, max_bytes=max_attachment_bytes())
        except ValidationError as error:
            reason = (
                ReviewReason.TOO_LARGE if upload.size > max_attachment_bytes() else ReviewReason.WRONG_TYPE
            )
            return None, (reason, " ".join(error.messages))
        kept.append((name, content_type, content))
    return kept, None


def _store_files(mail: InboundMail, files) -> list[InboundAttachment]:
    stored = []
    for name, content_type, content in files:
        attachment = InboundAttachment(
            mail=mail, original_name=name[:200], content_type=content_type, size=len(content)
        )
        attachment.file.save(name, ContentFile(content), save=False)
        attachment.full_clean()
        attachment.save()
        stored.append(attachment)
    return stored


def sender_is_patron(*, parsed_sender: str, auth_failed: bool, source, record_id: int) -> bool:
    expected = (source.patron_email(record_id) or "").strip().lower()
    return bool(expected) and expected == parsed_sender and not auth_failed


def _to_case(mail: InboundMail, parsed: Parsed, answered: SentMail, files) -> InboundMail:
    source = source_for(answered.source)
    if source is None or not sender_is_patron(
        parsed_sender=parsed.sender,
        auth_failed=parsed.auth_failed,
        source=source,
        record_id=answered.record_id,
    ):
        mail.detail = "authentication failed" if parsed.auth_failed else ""
        return _hold(mail, ReviewReason.SPOOFED, mail.detail)
    if not parsed.text.strip() and not files:
        return _hold(mail, ReviewReason.EMPTY)
    mail.status = InboundStatus.ADDED
    _save(mail)
    stored = _store_files(mail, files)
    try:
        with transaction.atomic():
            source.add_reply(answered.record_id, parsed.text or "", stored, mail)
    except ValidationError as error:
        mail.status = InboundStatus.REVIEW
        return _hold(mail, ReviewReason.CLOSED, " ".join(error.messages))
    events.mail_added(mail=mail)
    return mail


def _new_case(mail: InboundMail, parsed: Parsed, system, files) -> InboundMail:
    if parsed.auth_failed:
        return _hold(mail, ReviewReason.SPOOFED, "authentication failed")
    if not parsed.text.strip():
        return _hold(mail, ReviewReason.EMPTY)
    source = source_for(NEW_CASE_SOURCE)
    mail.status, mail.source = InboundStatus.NEW_CASE, NEW_CASE_SOURCE
    _save(mail)
    stored = _store_files(mail, files)
    mail.record_id = source.start_case(
        system=system,
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        text=parsed.text,
        language=parsed.language or "en",
        submission_token=uuid.uuid5(uuid.NAMESPACE_URL, mail.message_id),
        attachments=stored,
        mail=mail,
    )
    mail.save(update_fields=["record_id", "source", "status"])
    events.mail_started_case(mail=mail)
    return mail


def _bounce(mail: InboundMail, parsed: Parsed, answered: SentMail | None) -> InboundMail:
    if answered is None:
        return _hold(mail, ReviewReason.UNKNOWN, parsed.bounce_reason)
    mail.status, mail.detail, mail.text = InboundStatus.BOUNCE, parsed.bounce_reason, ""
    _save(mail)
    if answered.bounced_at is None:
        answered.bounced_at, answered.bounce_reason = timezone.now(), parsed.bounce_reason
        answered.full_clean()
        answered.save(update_fields=["bounced_at", "bounce_reason"])
        source = source_for(answered.source)
        if source is not None:
            source.bounced(answered.record_id, answered)
    events.mail_bounced(mail=mail)
    return mail
