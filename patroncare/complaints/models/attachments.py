"""Files attached to a case (a letter, a photo of a receipt). Served only through an access-checked view."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.files import random_upload_to


def attachment_path(instance, filename: str) -> str:
    # Kept only because migration 0001 refers to it; new files are named by `random_upload_to`.
    return f"complaints/{instance.complaint_id}/{uuid.uuid4().hex}"


class AttachmentType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"


class Attachment(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="attachments"
    )
    # The stored name is random: the original name is kept in the row, never in the path.
    file = models.FileField(upload_to=random_upload_to("complaints"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40, choices=AttachmentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=AttachmentType.values), name="attachment_type_allowed"
            ),
        ]
        indexes = [models.Index(fields=["complaint", "created_at"])]

    def __str__(self) -> str:
        return self.original_name
