"""Policies on the Scale of Yes, their versions and reviews, staff acknowledgements, the exceptions log and
the Yes-O-Meter.

The Scale of Yes says how far a policy bends. Fixed policies (safety, privacy, the law) never do: the database
itself refuses an exception logged against a fixed policy, whoever tries.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import Branch, LibrarySystem


class Flexibility(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    FIRM = "firm", _("Firm")
    FLEXIBLE = "flexible", _("Flexible")
    YES_AND = "yes_and", _("Yes, and")


FLEXIBILITY_EXPLAINED = {
    Flexibility.FIXED: _("Safety, privacy or the law: no exceptions, whoever asks."),
    Flexibility.FIRM: _("A supervisor may grant an exception; it is recorded."),
    Flexibility.FLEXIBLE: _("Staff use their judgement; exceptions are logged."),
    Flexibility.YES_AND: _("The answer is yes; look for what more we can do."),
}


class PolicyArea(models.TextChoices):
    BORROWING = "borrowing", _("Borrowing and accounts")
    TECHNOLOGY = "technology", _("Computers and technology")
    SPACES = "spaces", _("Spaces and meeting rooms")
    CONDUCT = "conduct", _("Conduct and safety")
    PRIVACY = "privacy", _("Privacy and records")
    CHILDREN = "children", _("Children and families")
    SERVICES = "services", _("Services and programmes")


class Policy(VersionedModel):
    """A policy of one library system. Its current text lives on the policy; every published text is a
    PolicyVersion, which staff acknowledge."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="policies")
    title = models.CharField(_("title"), max_length=160)
    area = models.CharField(_("area"), max_length=20, choices=PolicyArea.choices)
    flexibility = models.CharField(
        _("place on the Scale of Yes"),
        max_length=10,
        choices=Flexibility.choices,
        help_text=_(
            "Fixed: safety, privacy, law. Firm: a supervisor may grant an exception. "
            "Flexible: staff judgement. Yes, and: the answer is yes."
        ),
    )
    body = models.TextField(
        _("policy text"), help_text=_("Plain language. Markdown: **bold**, lists with -, links.")
    )
    alternatives = models.TextField(
        _("what we can offer instead"),
        blank=True,
        help_text=_("Shown to staff when an exception is not possible. Markdown."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_cycle_months = models.PositiveSmallIntegerField(_("review every (months)"), default=24)
    next_review_on = models.DateField(_("next review"))
    current_number = models.PositiveIntegerField(_("current version"), default=1)
    is_retired = models.BooleanField(_("retired"), default=False)
    rules = models.ManyToManyField(
        "rulebook.Rule",
        verbose_name=_("rules of conduct that carry it out"),
        blank=True,
        related_name="policies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(flexibility__in=Flexibility.values), name="policy_flexibility_valid"
            ),
            models.CheckConstraint(condition=Q(area__in=PolicyArea.values), name="policy_area_valid"),
            models.CheckConstraint(
                condition=Q(review_cycle_months__gte=1, review_cycle_months__lte=60),
                name="policy_review_cycle_range",
            ),
            models.UniqueConstraint(fields=["system", "title"], name="policy_unique_title_per_system"),
        ]
        indexes = [
            models.Index(fields=["system", "is_retired", "area"]),
            models.Index(fields=["system", "flexibility"]),
            models.Index(fields=["system", "next_review_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def allows_exception(self) -> bool:
        return self.flexibility != Flexibility.FIXED

    @property
    def exception_needs_approval(self) -> bool:
        return self.flexibility == Flexibility.FIRM

    def review_due(self, today) -> bool:
        return not self.is_retired and self.next_review_on <= today


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("policy text"))
    flexibility = models.CharField(_("place on the Scale of Yes"), max_length=10, choices=Flexibility.choices)
    change_summary = models.CharField(_("what changed"), max_length=300)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["policy", "-number"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policyversion_unique_number"),
            models.CheckConstraint(
                condition=Q(flexibility__in=Flexibility.values), name="policyversion_flexibility_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def summary_shown(self) -> str:
        """What changed, for the reader: the first version is named in the reader's language, whatever the
        language it was published from."""
        return gettext("First version") if self.number == 1 else self.change_summary


class Acknowledgement(models.Model):
    """A member of staff has read this version of a policy."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="acknowledgement_once")]

    def __str__(self) -> str:
        return f"{self.version} · {self.user}"


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    DONE = "done", _("Done")


class ReviewTrigger(models.TextChoices):
    CYCLE = "cycle", _("Review cycle")
    EXCEPTIONS = "exceptions", _("Exceptions pointing at the policy")
    COMPLAINT = "complaint", _("A complaint pointing at the policy")
    REQUEST = "request", _("Requested by staff")


class ReviewOutcome(models.TextChoices):
    KEEP = "keep", _("Keep as it is")
    CHANGE = "change", _("Change")
    RETIRE = "retire", _("Retire")


# The inclusivity checklist: who could this policy keep out? Each question is answered in writing.
CHECKLIST = [
    ("housing_and_id", _("People without stable housing or ID")),
    ("disability", _("People with disabilities")),
    ("language", _("People who do not speak English")),
    ("young_people", _("Children and teenagers")),
    ("crisis", _("People in crisis")),
]


class PolicyReview(VersionedModel):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    trigger = models.CharField(_("why"), max_length=12, choices=ReviewTrigger.choices)
    reasons = models.TextField(_("what prompted it"), blank=True)
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    housing_and_id = models.TextField(_("People without stable housing or ID"), blank=True)
    disability = models.TextField(_("People with disabilities"), blank=True)
    language = models.TextField(_("People who do not speak English"), blank=True)
    young_people = models.TextField(_("Children and teenagers"), blank=True)
    crisis = models.TextField(_("People in crisis"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReviewOutcome.choices, blank=True)
    outcome_note = models.TextField(_("decision and reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("policy review")
        verbose_name_plural = _("policy reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="policyreview_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=ReviewTrigger.values), name="policyreview_trigger_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ReviewStatus.OPEN, outcome="", decided_at__isnull=True)
                    | Q(status=ReviewStatus.DONE, outcome__in=ReviewOutcome.values, decided_at__isnull=False)
                ),
                name="policyreview_outcome_when_done",
            ),
            models.UniqueConstraint(
                fields=["policy"], condition=Q(status="open"), name="policyreview_one_open"
            ),
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]

    @property
    def is_open(self) -> bool:
        return self.status == ReviewStatus.OPEN

    def __str__(self) -> str:
        return f"{self.policy} · {self.opened_at:%Y-%m-%d}"

    @property
    def checklist(self) -> list[tuple[str, str, str]]:
        return [(name, label, getattr(self, name)) for name, label in CHECKLIST]

    @property
    def checklist_done(self) -> int:
        return sum(1 for name, _label in CHECKLIST if getattr(self, name).strip())


class EntryKind(models.TextChoices):
    EXCEPTION = "exception", _("Exception: we bent the policy")
    ENFORCED = "enforced", _("Enforced: we applied the policy as written")


class EntryStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    PENDING = "pending", _("Awaiting a supervisor")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined by a supervisor")


class ExceptionEntry(models.Model):
    """One request at the desk to bend a policy, and what happened: granted (an exception) or declined
    (the policy enforced). Both are logged so interpretation can be compared between branches and staff.

    No field identifies the patron: staff describe the request and the situation, never the person.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="entries"
    )
    # The policy's place on the Scale of Yes when the entry was made: the database refuses a fixed exception.
    flexibility = models.CharField(max_length=10, choices=Flexibility.choices)
    kind = models.CharField(_("what happened"), max_length=10, choices=EntryKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices)
    occurred_on = models.DateField(_("date"))
    asked = models.TextField(_("what was asked"), max_length=1000)
    granted = models.TextField(_("what was granted"), max_length=1000, blank=True)
    reason = models.TextField(_("why"), max_length=1000)
    told_patron = models.TextField(_("how it was put to the patron"), max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("supervisor's note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        verbose_name = _("exception log entry")
        verbose_name_plural = _("exception log entries")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="entry_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=EntryStatus.values), name="entry_status_valid"),
            models.CheckConstraint(
                condition=Q(flexibility__in=Flexibility.values), name="entry_flexibility_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.EXCEPTION, flexibility=Flexibility.FIXED),
                name="entry_no_exception_to_fixed_policy",
            ),
            # Only an exception to a firm policy waits for, or receives, a supervisor's decision.
            models.CheckConstraint(
                condition=(
                    Q(status=EntryStatus.RECORDED) | Q(kind=EntryKind.EXCEPTION, flexibility=Flexibility.FIRM)
                ),
                name="entry_approval_only_for_firm_exceptions",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        status__in=[EntryStatus.APPROVED, EntryStatus.DECLINED],
                        decided_by__isnull=False,
                        decided_at__isnull=False,
                    )
                    | Q(
                        status__in=[EntryStatus.RECORDED, EntryStatus.PENDING],
                        decided_by__isnull=True,
                        decided_at__isnull=True,
                    )
                ),
                name="entry_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.EXCEPTION, granted=""),
                name="entry_exception_says_what_was_granted",
            ),
        ]
        indexes = [
            models.Index(fields=["system", "policy", "occurred_on"]),
            models.Index(fields=["branch", "status"]),
            models.Index(fields=["system", "status"]),
            models.Index(fields=["system", "occurred_on"]),
            models.Index(fields=["recorded_by", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.policy} · {self.branch} · {self.occurred_on}"

    @property
    def is_pending(self) -> bool:
        return self.status == EntryStatus.PENDING

    @property
    def is_declined(self) -> bool:
        return self.status == EntryStatus.DECLINED

    @property
    def outcome(self) -> str:
        """granted, enforced or pending: how the entry counts in the consistency figures."""
        if self.status == EntryStatus.PENDING:
            return "pending"
        if self.kind == EntryKind.EXCEPTION and self.status in (EntryStatus.RECORDED, EntryStatus.APPROVED):
            return "granted"
        return "enforced"


class RatingArea(models.TextChoices):
    FIRST_IMPRESSIONS = "first_impressions", _("First impressions")
    SIGNAGE = "signage", _("Signage and displays")
    SERVICE_HABITS = "service_habits", _("Service habits")
    POLICY = "policy", _("A policy")


class YesRating(models.IntegerChoices):
    NO = 0, _("No")
    YES_BUT = 1, _("Yes, but")
    YES = 2, _("Yes")
    YES_AND = 3, _("Yes, and")


class YesOMeterRating(models.Model):
    """One branch's rating of one area (or one policy) on one day."""

    branch = models.ForeignKey(Branch, verbose_name=_("branch"), on_delete=models.CASCADE, related_name="+")
    area = models.CharField(_("area"), max_length=20, choices=RatingArea.choices)
    policy = models.ForeignKey(
        Policy,
        verbose_name=_("policy"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ratings",
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=YesRating.choices)
    rated_on = models.DateField(_("date"))
    note = models.CharField(_("what we noticed"), max_length=300, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["branch", "area", "rated_on"]
        verbose_name = _("Yes-O-Meter rating")
        verbose_name_plural = _("Yes-O-Meter ratings")
        constraints = [
            models.CheckConstraint(condition=Q(area__in=RatingArea.values), name="yesrating_area_valid"),
            models.CheckConstraint(condition=Q(rating__gte=0, rating__lte=3), name="yesrating_rating_range"),
            models.CheckConstraint(
                condition=Q(area=RatingArea.POLICY, policy__isnull=False)
                | (~Q(area=RatingArea.POLICY) & Q(policy__isnull=True)),
                name="yesrating_policy_only_for_policy_area",
            ),
            models.UniqueConstraint(
                fields=["branch", "area", "rated_on"],
                condition=Q(policy__isnull=True),
                name="yesrating_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["branch", "policy", "rated_on"],
                condition=Q(policy__isnull=False),
                name="yesrating_policy_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["branch", "rated_on"])]

    def __str__(self) -> str:
        return f"{self.branch} · {self.area} · {self.rated_on}"
