from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.calendar import CALENDAR_UNITS, subtract_period
from patroncare.libraries.models import LibrarySystem


class Action(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymise (keep counts, remove what identifies anyone)")
    DELETE = "delete", _("Delete")


class KeepUnit(models.TextChoices):
    """Calendar units, as a published schedule words its periods ("3 years", "6 months")."""

    DAYS = CALENDAR_UNITS[0].value, CALENDAR_UNITS[0].label
    WEEKS = CALENDAR_UNITS[1].value, CALENDAR_UNITS[1].label
    MONTHS = CALENDAR_UNITS[2].value, CALENDAR_UNITS[2].label
    YEARS = CALENDAR_UNITS[3].value, CALENDAR_UNITS[3].label


class RetentionRule(VersionedModel):
    """How long the library keeps one type of record, and what happens then: one line of its schedule."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="retention_rules")
    record_type = models.CharField(_("record type"), max_length=60)
    keep_number = models.PositiveIntegerField(_("keep for"))
    keep_unit = models.CharField(_("unit"), max_length=10, choices=KeepUnit.choices)
    action = models.CharField(_("then"), max_length=12, choices=Action.choices)

    class Meta:
        ordering = ["record_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule")
        constraints = [
            models.UniqueConstraint(fields=["system", "record_type"], name="retention_rule_one_per_type"),
            models.CheckConstraint(condition=Q(keep_number__gte=1), name="retention_rule_keeps_something"),
            models.CheckConstraint(
                condition=Q(keep_unit__in=KeepUnit.values), name="retention_rule_unit_valid"
            ),
            models.CheckConstraint(condition=Q(action__in=Action.values), name="retention_rule_action_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.keep_number} {self.keep_unit}, then {self.action}"

    def cutoff(self, as_of):
        """Records whose clock started before this day have been kept for the whole period on `as_of`."""
        return subtract_period(as_of, self.keep_number, self.keep_unit)


class LegalHold(models.Model):
    """A person or a record never purged (litigation, a police request) until a director releases it."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="legal_holds")
    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.PositiveBigIntegerField(_("record"))
    reason = models.TextField(_("reason"), max_length=1000)
    review_on = models.DateField(_("review on"))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_note = models.TextField(_("why it is released"), max_length=1000, blank=True)

    class Meta:
        ordering = ["review_on", "id"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="legalhold_has_reason"),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True, released_by__isnull=True)
                | Q(released_at__isnull=False, released_by__isnull=False),
                name="legalhold_release_has_who_and_when",
            ),
            # One hold in force per record: a second would be released separately and confuse the list.
            models.UniqueConstraint(
                fields=["system", "record_type", "record_id"],
                condition=Q(released_at__isnull=True),
                name="legalhold_one_in_force_per_record",
            ),
        ]
        indexes = [models.Index(fields=["system", "record_type", "released_at"])]

    def __str__(self) -> str:
        return f"Hold on {self.record_type} #{self.record_id}"

    @property
    def in_force(self) -> bool:
        return self.released_at is None


class RetentionRun(models.Model):
    """One pass of the schedule over a library system: how many records of each type went. Never who."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="retention_runs")
    ran_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField(_("as of"))
    counts = models.JSONField(_("records purged"), default=dict)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"Retention run {self.ran_at:%Y-%m-%d}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
