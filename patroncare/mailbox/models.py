"""Mail to and from patrons: what was sent (each with its own reply address), and what came back.

A message to a patron carries a reply address with a token of its own (`complaints+<token>@...`), used also
as the envelope sender, so a reply and a bounce both name the message they answer. What comes in is kept as
received (the raw message, under the retention schedule) until it is added to a case, starts one, or is
decided in the review queue: nothing a patron sends is lost.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.files import random_upload_to
from patroncare.libraries.models import LibrarySystem


class LibraryAddress(models.Model):
    """An address patrons write to (the library's complaints address). Mail to it without a case reference
    starts a new case of the system."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="mail_addresses")
    address = models.EmailField(_("address"), unique=True)

    class Meta:
        verbose_name = _("library address")
        verbose_name_plural = _("library addresses")

    def __str__(self) -> str:
        return self.address

    @property
    def local_part(self) -> str:
        return self.address.split("@", 1)[0]

    @property
    def domain(self) -> str:
        return self.address.split("@", 1)[1]


class SentMail(models.Model):
    """One e-mail to a patron about a record (`source` names the module: "complaints"). No address is kept:
    the record's own contact details are read when a reply is checked."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=30)
    record_id = models.PositiveBigIntegerField()
    token = models.CharField(max_length=20, unique=True)
    message_id = models.CharField(max_length=250, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    sent_at = models.DateTimeField(auto_now_add=True)
    bounced_at = models.DateTimeField(_("could not be delivered on"), null=True, blank=True)
    bounce_reason = models.CharField(_("why it was not delivered"), max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("e-mail to a patron")
        verbose_name_plural = _("e-mails to patrons")
        indexes = [models.Index(fields=["source", "record_id"], name="sentmail_record")]
        constraints = [
            models.CheckConstraint(
                condition=Q(bounced_at__isnull=True) | ~Q(bounce_reason=""), name="sentmail_bounce_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class InboundStatus(models.TextChoices):
    ADDED = "added", _("Added to its case")
    NEW_CASE = "new_case", _("Started a new case")
    BOUNCE = "bounce", _("Delivery failure recorded")
    REVIEW = "review", _("Waiting for review")
    RELEASED = "released", _("Added to its case after review")
    DISCARDED = "discarded", _("Discarded after review")


class ReviewReason(models.TextChoices):
    SPOOFED = (
        "spoofed",
        _("The sender is not the patron of the case, or the sender's domain failed its checks"),
    )
    UNKNOWN = "unknown", _("No case reference and not sent to a library address")
    BAD_TOKEN = "bad_token", _("The case reference in the address is not one we sent")
    TOO_LARGE = "too_large", _("The message or an attachment is larger than allowed")
    WRONG_TYPE = "wrong_type", _("An attachment is not a PDF, PNG or JPEG file")
    CLOSED = "closed", _("The case no longer takes messages")
    EMPTY = "empty", _("Nothing is left once the quoted history is removed")


class InboundMail(models.Model):
    system = models.ForeignKey(
        LibrarySystem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message_id = models.CharField(max_length=250, unique=True)
    sender = models.EmailField(_("from"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    raw = models.FileField(upload_to=random_upload_to("mailbox/raw"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    text = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=InboundStatus.choices)
    reason = models.CharField(_("why it waits"), max_length=12, choices=ReviewReason.choices, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    answers = models.ForeignKey(SentMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source = models.CharField(max_length=30, blank=True)
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("e-mail from a patron")
        verbose_name_plural = _("e-mails from patrons")
        indexes = [
            models.Index(fields=["system", "status"], name="inbound_queue"),
            models.Index(fields=["source", "record_id"], name="inbound_record"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=InboundStatus.values), name="inbound_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="review") | ~Q(reason=""), name="inbound_review_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_id


class InboundAttachment(models.Model):
    """A file that came with a patron's e-mail and passed the upload checks."""

    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=random_upload_to("mailbox/files"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/png", "image/jpeg"]),
                name="inbound_attachment_type_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
