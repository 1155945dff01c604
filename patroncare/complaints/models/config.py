"""What each library system configures: its categories, its deadlines per severity, its pattern thresholds."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import LibrarySystem

from .choices import Severity


class Category(VersionedModel):
    """A kind of mistake (or praise, or suggestion), editable per library system."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="complaint_categories")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=120)  # one version per language (translation.py)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    restricts = models.BooleanField(
        _("about staff conduct or discrimination"),
        default=False,
        help_text=_(
            "Cases in this category are readable only by supervisors, the director and administrators."
        ),
    )
    concerns_safety = models.BooleanField(
        _("concerns safety"),
        default=False,
        help_text=_("When a case in this category is critical, the security staff of its branch are told."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["system", "key"], name="category_key_unique_in_system")
        ]

    def __str__(self) -> str:
        return self.name


class SeverityRule(VersionedModel):
    """Deadlines (in working days) and the owner for one severity in one library system."""

    class OwnerRule(models.TextChoices):
        BRANCH_SUPERVISOR = "branch_supervisor", _("A supervisor of the branch")
        DIRECTOR = "director", _("The director")

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="severity_rules")
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    acknowledge_days = models.PositiveSmallIntegerField(_("days to acknowledge"))
    respond_days = models.PositiveSmallIntegerField(_("days to respond"))
    review_acknowledge_days = models.PositiveSmallIntegerField(_("days to acknowledge a review"))
    review_respond_days = models.PositiveSmallIntegerField(_("days to respond to a review"))
    owner_rule = models.CharField(_("owner"), max_length=20, choices=OwnerRule.choices)

    class Meta:
        ordering = ["system", "severity"]
        verbose_name = _("severity rule")
        verbose_name_plural = _("severity rules")
        constraints = [
            models.UniqueConstraint(fields=["system", "severity"], name="severityrule_one_per_severity"),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="severityrule_severity_valid"
            ),
            models.CheckConstraint(
                condition=Q(owner_rule__in=["branch_supervisor", "director"]), name="severityrule_owner_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    acknowledge_days__gte=1,
                    respond_days__gte=1,
                    review_acknowledge_days__gte=1,
                    review_respond_days__gte=1,
                ),
                name="severityrule_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()}: {self.acknowledge_days}/{self.respond_days}"


@dataclass(frozen=True)
class RuleValues:
    acknowledge_days: int
    respond_days: int
    review_acknowledge_days: int
    review_respond_days: int
    owner_rule: str


# Public-sector complaint codes: 5 working days to acknowledge and 10 to respond at the first stage, 5 and 20
# at review. Serious and critical matters are answered sooner; critical ones are owned by the director.
DEFAULT_RULES = {
    Severity.MINOR: RuleValues(5, 10, 5, 20, "branch_supervisor"),
    Severity.MODERATE: RuleValues(5, 10, 5, 20, "branch_supervisor"),
    Severity.SERIOUS: RuleValues(2, 10, 5, 20, "branch_supervisor"),
    Severity.CRITICAL: RuleValues(1, 5, 2, 10, "director"),
}


def default_rule(severity: str) -> RuleValues:
    return DEFAULT_RULES[Severity(severity)]


class ComplaintSettings(VersionedModel):
    """Per-system thresholds for pattern detection."""

    system = models.OneToOneField(LibrarySystem, on_delete=models.CASCADE, related_name="complaint_settings")
    pattern_window_days = models.PositiveSmallIntegerField(_("pattern window (days)"), default=90)
    pattern_threshold = models.PositiveSmallIntegerField(_("cases that make a pattern"), default=3)
    board_review = models.BooleanField(
        _("review by the board"),
        default=False,
        help_text=_("After the director's review, the patron may ask for a review by the board."),
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(pattern_window_days__gte=7, pattern_threshold__gte=2),
                name="complaintsettings_thresholds_sensible",
            ),
        ]

    def __str__(self) -> str:
        return str(self.system)


class ComplaintsLead(models.Model):
    """Who owns a new complaint the moment it arrives: per branch, or (no branch) the system-wide queue.

    Without a lead, a branch's complaints go to its supervisor, then to the director.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="complaints_leads")
    branch = models.ForeignKey(
        "libraries.Branch",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="complaints_leads",
        help_text=_("Empty: the queue of complaints that name no branch."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="complaints_leads",
        verbose_name=_("complaints lead"),
    )

    class Meta:
        verbose_name = _("complaints lead")
        verbose_name_plural = _("complaints leads")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "branch"],
                condition=Q(branch__isnull=False),
                name="complaintslead_one_per_branch",
            ),
            models.UniqueConstraint(
                fields=["system"], condition=Q(branch__isnull=True), name="complaintslead_one_system_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.branch or self.system}: {self.lead}"
