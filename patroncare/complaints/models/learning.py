"""What the library learns: policy or procedure reviews, and public statements on serious upheld mistakes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.libraries.models import LibrarySystem


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class PolicyReview(models.Model):
    """A review of a policy or procedure opened by a systemic case or a detected pattern.

    The subject is free text for now; when the policies app is installed it can point at a policy record.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="policy_reviews")
    subject = models.CharField(_("policy or procedure"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "due_date"]
        verbose_name = _("policy or procedure review")
        verbose_name_plural = _("policy or procedure reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="complaints_policyreview_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(outcome="") & Q(completed_at__isnull=False)),
                name="complaints_policyreview_done_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["system", "status", "due_date"])]

    def __str__(self) -> str:
        return self.subject


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the director")
    PUBLISHED = "published", _("Published")


class PublicStatement(models.Model):
    """What the library tells the public about a serious upheld mistake. Never names the patron."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="statement"
    )
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="public_statements")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("statement"), max_length=6000)
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    trustee_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trustee_reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-drafted_at"]
        verbose_name = _("public statement")
        verbose_name_plural = _("public statements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=StatementStatus.values), name="statement_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(approved_at__isnull=False, trustee_reviewed_at__isnull=False, published_at__isnull=False),
                name="statement_published_after_approvals",
            ),
        ]
        indexes = [models.Index(fields=["system", "status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def days_to_publish(self) -> int | None:
        """Days from the complaint's receipt to publication (the complaint must be loaded with it)."""
        if self.published_at is None:
            return None
        return (self.published_at - self.complaint.received_at).days
