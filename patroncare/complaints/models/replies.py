"""Reply templates: the library's own words for acknowledging, apologising and thanking, in each language."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import LibrarySystem

MERGE_FIELDS = ["patron_name", "reference", "branch", "staff_name", "respond_by", "library"]


class ReplyPurpose(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledgement (BLAST)")
    APOLOGY = "apology", _("Apology")
    PRAISE = "praise", _("Thanks for praise")
    SUGGESTION = "suggestion", _("Reply to a suggestion")
    OTHER = "other", _("Other")


class ReplyTemplate(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="reply_templates")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    purpose = models.CharField(_("purpose"), max_length=12, choices=ReplyPurpose.choices)
    body = models.TextField(_("text"), max_length=6000)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["purpose", "name", "language"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "key", "language"], name="replytemplate_unique_key_language"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=ReplyPurpose.values), name="replytemplate_purpose_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"
