"""Attachments: checked by their real content (magic bytes) and size, never by their name alone."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..models import Attachment, AttachmentType, Complaint
from ._common import audit_change

SIGNATURES = [
    (b"%PDF-", AttachmentType.PDF, {".pdf"}),
    (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG, {".png"}),
    (b"\xff\xd8\xff", AttachmentType.JPEG, {".jpg", ".jpeg"}),
]


def max_attachment_bytes() -> int:
    return getattr(settings, "COMPLAINTS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)


def detect_type(upload) -> str:
    """The file's real type from its first bytes, checked against its extension (a disguised file fails)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = PurePath(upload.name or "").suffix.lower()
    for signature, content_type, extensions in SIGNATURES:
        if head.startswith(signature):
            if extension not in extensions:
                raise ValidationError(
                    _(
                        "The file's name says %(ext)s but its content is %(type)s. Rename it or "
                        "choose the right file."
                    )
                    % {"ext": extension or "—", "type": content_type.label}
                )
            return content_type
    raise ValidationError(_("Only PDF, PNG and JPEG files can be attached. This file is none of those."))


@transaction.atomic
def attachment_add(*, actor, complaint: Complaint, upload, description: str = "") -> Attachment:
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    content_type = detect_type(upload)
    attachment = Attachment(
        complaint=complaint,
        original_name=PurePath(upload.name).name[:200],
        content_type=content_type,
        size=upload.size,
        description=description.strip(),
        uploaded_by=actor,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    audit_change(
        actor=actor,
        complaint=complaint,
        summary=f"Attachment added to {complaint.reference}: {attachment.original_name}",
    )
    return attachment
