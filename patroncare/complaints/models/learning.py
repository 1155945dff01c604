"""What the library learns: policy or procedure reviews, and public statements on serious upheld mistakes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
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

    @property
    def is_open(self) -> bool:
        return self.status == ReviewStatus.OPEN


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the director")
    PUBLISHED = "published", _("Published")


STATEMENT_TITLE_MAX = 200
STATEMENT_BODY_MAX = 6000


class PublicStatement(VersionedModel):
    """What the library tells the public about a serious upheld mistake, in English and Spanish.

    Never names the patron. Its text can be edited until the director approves it (see `version`).
    """

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="statement"
    )
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="public_statements")
    # One version per language (translation.py): `title_en`, `title_es`, ...
    title = models.CharField(_("title"), max_length=STATEMENT_TITLE_MAX)
    body = models.TextField(_("statement"), max_length=STATEMENT_BODY_MAX)
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
            # Patrons read it in English or Spanish: nothing is approved with one language missing.
            models.CheckConstraint(
                # Spelled out "not null": a CHECK whose comparison meets NULL passes in SQL.
                condition=Q(status="draft")
                | (
                    Q(title_es__isnull=False)
                    & Q(title_es__gt="")
                    & Q(body_es__isnull=False)
                    & Q(body_es__gt="")
                ),
                name="statement_approved_in_both_languages",
            ),
        ]
        indexes = [models.Index(fields=["system", "status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_both_languages(self) -> bool:
        return all(
            (text or "").strip() for text in (self.title_en, self.body_en, self.title_es, self.body_es)
        )

    def text_in(self, language: str | None = None) -> tuple[str, str, str]:
        """(title, body, language code) in `language` (the active one by default), English when missing."""
        language = (language or get_language() or "en")[:2]
        title, body = getattr(self, f"title_{language}", None), getattr(self, f"body_{language}", None)
        if title and body:
            return title, body, language
        return self.title_en or "", self.body_en or "", "en"

    @property
    def days_to_publish(self) -> int | None:
        """Days from the complaint's receipt to publication (the complaint must be loaded with it)."""
        if self.published_at is None:
            return None
        return (self.published_at - self.complaint.received_at).days


class StatementComment(models.Model):
    """A trustee's comment on a statement, or an objection that sends it back to the director."""

    statement = models.ForeignKey(PublicStatement, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    is_objection = models.BooleanField(_("objection"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a statement")
        verbose_name_plural = _("comments on statements")
        indexes = [models.Index(fields=["statement", "created_at"])]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.created_at:%Y-%m-%d}"


class DeadlineClock(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    RESPOND = "respond", _("Respond")


class DeadlineWhen(models.TextChoices):
    SOON = "soon", _("Within one working day")
    PASSED = "passed", _("Passed")


class DeadlineNotice(models.Model):
    """That the owner of a case was told a deadline is near or has passed: each once per due date.

    An extension gives the clock a new due date, and so a new notice.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="deadline_notices"
    )
    clock = models.CharField(max_length=12, choices=DeadlineClock.choices)
    when = models.CharField(max_length=8, choices=DeadlineWhen.choices)
    due_at = models.DateTimeField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "clock", "when", "due_at"], name="deadlinenotice_once_per_due_date"
            ),
            models.CheckConstraint(
                condition=Q(clock__in=DeadlineClock.values), name="deadlinenotice_clock_valid"
            ),
            models.CheckConstraint(
                condition=Q(when__in=DeadlineWhen.values), name="deadlinenotice_when_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.clock} {self.when}"
