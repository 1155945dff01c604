"""Community referrals: the library's directory of resources, and an anonymous tally of referrals made.

Nothing here describes a patron. A referral records what was needed, where the person was sent, at which
branch, in which language and on which day: never who, and not even which member of staff.
"""

import uuid
from datetime import date, time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.calendar import Unit, add_period
from patroncare.libraries.models import WEEKDAY_NAMES, Branch, LibrarySystem

LANGUAGE_CODE_VALIDATOR = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use a language code such as en, es or pt-BR.")
)


class Category(models.Model):
    """A kind of need (food, shelter and housing, mental health and crisis...). Names are per language."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="referral_categories")
    slug = models.SlugField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    # Playbooks (by short name) whose page lists this category's resources: "mental-health-crisis".
    playbook_slugs = models.CharField(
        _("playbooks that list it"),
        max_length=300,
        blank=True,
        help_text=_("Short names of playbooks, separated by commas."),
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(fields=["system", "slug"], name="referralcategory_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def playbooks(self) -> list[str]:
        return [slug.strip() for slug in self.playbook_slugs.split(",") if slug.strip()]


def new_hsds_id() -> str:
    return str(uuid.uuid4())


class Resource(VersionedModel):
    """One service of a community organisation, as staff need it at the desk."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="referral_resources")
    # The service's id in the Human Services Data Specification: a re-import updates the same resource.
    hsds_id = models.CharField(_("HSDS id"), max_length=64, default=new_hsds_id)
    organisation = models.CharField(_("organisation"), max_length=200)
    name = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("what they offer"), blank=True)
    categories = models.ManyToManyField(Category, verbose_name=_("needs"), related_name="resources")
    address = models.CharField(_("address"), max_length=250, blank=True)
    area_served = models.CharField(_("area served"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_line = models.CharField(_("text line"), max_length=40, blank=True)
    website = models.URLField(_("web page"), blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=120,
        default="en",
        help_text=_("Language codes separated by commas, for example en, es, vi."),
    )
    hours_note = models.CharField(_("about the hours"), max_length=200, blank=True)
    eligibility = models.TextField(_("who can use it"), blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    getting_there = models.TextField(_("how to get there"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    staff_notes = models.TextField(_("notes for staff"), blank=True)
    is_active = models.BooleanField(_("listed"), default=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verify_every_months = models.PositiveSmallIntegerField(
        _("verify every (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kept up to date by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The verification due date the owner was last reminded of: one reminder per due date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("community resource")
        verbose_name_plural = _("community resources")
        constraints = [
            models.UniqueConstraint(fields=["system", "hsds_id"], name="resource_unique_hsds_id"),
            models.CheckConstraint(
                condition=Q(verify_every_months__gte=1) & Q(verify_every_months__lte=36),
                name="resource_verify_cycle_valid",
            ),
        ]
        indexes = [models.Index(fields=["system", "is_active", "last_verified_on"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def verification_due_on(self) -> date | None:
        """The day the entry must be checked again (None: never verified, so due now)."""
        if self.last_verified_on is None:
            return None
        return add_period(self.last_verified_on, self.verify_every_months, Unit.MONTHS)

    def is_stale(self, today: date) -> bool:
        due = self.verification_due_on()
        return due is None or due <= today


class Hours(models.Model):
    """Opening hours for one weekday, in the library system's time zone (resources are local).

    A closing time at or before the opening time runs past midnight into the next day (a night shelter open
    20:00-08:00); opening and closing at 00:00 means open all day.
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=list(enumerate(WEEKDAY_NAMES)))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="resourcehours_weekday_valid"),
            models.CheckConstraint(
                condition=~Q(opens=F("closes")) | Q(opens=time(0)), name="resourcehours_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]

    def __str__(self) -> str:
        return f"{WEEKDAY_NAMES[self.weekday]} {self.opens:%H:%M}-{self.closes:%H:%M}"

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens


class ReferralSettings(models.Model):
    """The crisis line the library wants on its crisis playbooks, per language."""

    system = models.OneToOneField(LibrarySystem, on_delete=models.CASCADE, related_name="referral_settings")
    crisis_line_name = models.CharField(_("crisis line"), max_length=120, blank=True)
    crisis_line_phone = models.CharField(_("crisis line number"), max_length=40, blank=True)
    crisis_line_text = models.CharField(_("crisis text line"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("referral settings")
        verbose_name_plural = _("referral settings")

    def __str__(self) -> str:
        return str(self.crisis_line_name)


class Referral(models.Model):
    """One referral made at a desk: a tally, never a person (no patron, no member of staff)."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="referrals")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="referrals")
    need = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="referrals")
    resource = models.ForeignKey(
        Resource, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    language = models.CharField(_("language"), max_length=12, validators=[LANGUAGE_CODE_VALIDATOR])
    made_on = models.DateField(_("day"))
    # Where it came from, by reference only: an incident's number or a playbook's short name. The
    # incidents and guidance apps stand above this one, so these are plain values, not foreign keys.
    incident_id = models.PositiveBigIntegerField(null=True, blank=True)
    playbook_slug = models.SlugField(max_length=60, blank=True)

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["system", "made_on"]),
            models.Index(fields=["system", "branch", "made_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} {self.made_on}"
