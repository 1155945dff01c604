"""Attachments: checked by their real content (magic bytes) and size, never by their name alone."""

from pathlib import PurePath

from django.conf import settings
from django.db import transaction

from patroncare.complaints import events
from patroncare.core.files import check_upload

from ..models import Attachment, AttachmentType, Complaint


def max_attachment_bytes() -> int:
    return getattr(settings, "COMPLAINTS_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)


@transaction.atomic
def attachment_add(*, actor, complaint: Complaint, upload, description: str = "") -> Attachment:
    content_type = AttachmentType(check_upload(upload, max_bytes=max_attachment_bytes()))
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
    events.attachment_added(actor=actor, complaint=complaint, attachment=attachment)
    return attachment
