"""The board report: the director's narrative and a frozen copy of the figures, approved, read by trustees.

A report holds no patron or staff identity: its figures are counts, its narrative is the director's own text.
Each save of the draft and the approval keep a version (the narrative and the figures as they were), so what
the board approved can always be shown again as it was approved.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import LibrarySystem


class ReportPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class BoardReport(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="board_reports")
    period_kind = models.CharField(_("period"), max_length=10, choices=ReportPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # Library-written text, one version per language (modeltranslation adds _en and _es).
    highlights = models.TextField(_("highlights"), max_length=6000, blank=True)
    changes = models.TextField(_("what we changed because of what we heard"), max_length=6000, blank=True)
    public_summary = models.TextField(_("summary for the public page"), max_length=3000, blank=True)
    # The figures as computed when the report was last saved (counts only), so the PDF and the public page
    # show what was approved even after later records arrive.
    figures = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(period_kind="quarter", quarter__gte=1, quarter__lte=4))
                | Q(period_kind="year", quarter__isnull=True),
                name="reports_board_report_quarter_matches_period",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", approved_at__isnull=True)
                | Q(status="approved", approved_at__isnull=False),
                name="reports_board_report_approved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="approved", period_kind="year"),
                name="reports_board_report_only_approved_years_published",
            ),
            models.UniqueConstraint(
                fields=["system", "year", "quarter"],
                condition=Q(period_kind="quarter"),
                name="reports_board_report_one_per_quarter",
                violation_error_message=_("There is already a board report for this period."),
            ),
            models.UniqueConstraint(
                fields=["system", "year"],
                condition=Q(period_kind="year"),
                name="reports_board_report_one_per_year",
                violation_error_message=_("There is already a board report for this period."),
            ),
        ]
        indexes = [models.Index(fields=["system", "status", "-year"], name="reports_board_system_status")]

    def __str__(self) -> str:
        return self.period_label

    @property
    def period_label(self) -> str:
        if self.period_kind == ReportPeriod.QUARTER:
            return _("Quarter %(number)s %(year)s") % {"number": self.quarter, "year": self.year}
        return str(self.year)

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    @property
    def is_annual(self) -> bool:
        return self.period_kind == ReportPeriod.YEAR

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class BoardReportVersion(models.Model):
    """The report as it was at one save: kept for ever with the report."""

    report = models.ForeignKey(BoardReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=ReportStatus.choices)
    highlights_en = models.TextField(blank=True)
    highlights_es = models.TextField(blank=True)
    changes_en = models.TextField(blank=True)
    changes_es = models.TextField(blank=True)
    public_summary_en = models.TextField(blank=True)
    public_summary_es = models.TextField(blank=True)
    figures = models.JSONField(default=dict, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_board_report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class BoardReportReading(models.Model):
    """A trustee's confirmation that they have read an approved report."""

    report = models.ForeignKey(BoardReport, on_delete=models.CASCADE, related_name="readings")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "reader"], name="reports_board_report_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.report} read"
