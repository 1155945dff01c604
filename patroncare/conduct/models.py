"""Rules of conduct, the consequence ladder, exclusions and appeals of one library system.

An exclusion's state (pending, active, under appeal, ended, rescinded) is never stored: it follows from its
dates and decisions when read (see `state.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import Branch, LibrarySystem


class BehaviourClass(models.Model):
    """A class, level, tier or group of behaviour, named as the library's published rules name it.

    A library may have any number of them ("Class A" to "Class E", "Level 1" to "Level 3", ...); `rank` orders
    them from the least to the most serious, which is how an incident touching several rules is classed.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="behaviour_classes")
    rank = models.PositiveSmallIntegerField(
        _("seriousness"), help_text=_("1 for the least serious class; higher numbers are more serious.")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("As printed in your rules, e.g. Class B."))
    name_es = models.CharField(_("name in Spanish"), max_length=60, blank=True)
    in_sentence = models.CharField(
        _("word in a recommendation"),
        max_length=60,
        blank=True,
        help_text=_("Fills “Second … violation in 12 months”, e.g. serious or Class B. Empty: the name."),
    )
    in_sentence_es = models.CharField(_("word in a recommendation, in Spanish"), max_length=60, blank=True)

    class Meta:
        ordering = ["system", "rank"]
        verbose_name = _("behaviour class")
        verbose_name_plural = _("behaviour classes")
        constraints = [
            models.UniqueConstraint(fields=["system", "rank"], name="behaviourclass_rank_unique"),
            models.UniqueConstraint(fields=["system", "name"], name="behaviourclass_name_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="behaviourclass_rank_positive"),
        ]

    def __str__(self) -> str:
        if get_language() == "es" and self.name_es:
            return self.name_es
        return self.name

    def sentence_word(self) -> str:
        """How a recommendation names this class, in the active language."""
        if get_language() == "es":
            return self.in_sentence_es or self.name_es or self.in_sentence or self.name
        return self.in_sentence or self.name


class Counting(models.TextChoices):
    """Which earlier violations a row of the table counts."""

    SAME_CLASS = "same", _("Earlier violations of the same class")
    SAME_OR_MORE_SERIOUS = "at_least", _("Earlier violations of this class or a more serious one")
    ANY_CLASS = "any", _("Earlier violations of any class")


class Outcome(models.TextChoices):
    WARNING = "warning", _("Warning")
    LEAVE_DAY = "leave_day", _("Leave for the rest of the day")
    SUSPENSION = "suspension", _("Suspension")
    PENDING_REVIEW = "pending_review", _("Immediate suspension pending review")
    PERMANENT = "permanent", _("Permanent exclusion")


# Outcomes that create an exclusion order (a warning is recorded on the incident but excludes no one).
EXCLUDING_OUTCOMES = {Outcome.LEAVE_DAY, Outcome.SUSPENSION, Outcome.PENDING_REVIEW, Outcome.PERMANENT}


class Rule(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="conduct_rules")
    code = models.CharField(_("code"), max_length=20, help_text=_("As printed in the rules, e.g. 4 or B-2."))
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("plain-language text"))
    behaviour_class = models.ForeignKey(
        BehaviourClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="rules"
    )
    title_es = models.CharField(_("title in Spanish"), max_length=150, blank=True)
    text_es = models.TextField(
        _("text in Spanish"), blank=True, help_text=_("Cited in letters written in Spanish.")
    )
    is_active = models.BooleanField(_("in force"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "code"]
        verbose_name = _("rule of conduct")
        verbose_name_plural = _("rules of conduct")
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="rule_code_unique_in_system"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def wording(self, language: str) -> tuple[str, str]:
        """(title, text) in the letter's language, falling back to the main wording."""
        if language == "es" and self.title_es and self.text_es:
            return self.title_es, self.text_es
        return self.title, self.text


class RuleVersion(models.Model):
    """What a rule said from `changed_at` on: a letter cites the wording in force when it was issued."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150)
    text = models.TextField()
    title_es = models.CharField(max_length=150, blank=True)
    text_es = models.TextField(blank=True)
    class_name = models.CharField(_("class"), max_length=60, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    change_note = models.CharField(_("what changed"), max_length=200, blank=True)

    class Meta:
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="ruleversion_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} v{self.number}"


class LadderStep(models.Model):
    """One row of a library's published consequence table.

    (behaviour class, offence number or range within a look-back window) -> outcome. A row counts earlier
    violations of the same class unless the table counts more widely (`counts`). Minors follow their own
    rows when the library publishes any; otherwise the adult rows apply to them too.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="ladder_steps")
    behaviour_class = models.ForeignKey(
        BehaviourClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="ladder_steps"
    )
    for_minors = models.BooleanField(_("for minors"), default=False)
    offence_from = models.PositiveSmallIntegerField(_("from offence number"), default=1)
    offence_to = models.PositiveSmallIntegerField(
        _("to offence number"),
        null=True,
        blank=True,
        help_text=_("Leave empty for “and every later offence”."),
    )
    lookback_days = models.PositiveIntegerField(
        _("look-back window (days)"),
        default=365,
        help_text=_("Earlier violations count only within this window."),
    )
    counts = models.CharField(
        _("earlier violations counted"), max_length=10, choices=Counting.choices, default=Counting.SAME_CLASS
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    min_days = models.PositiveIntegerField(_("shortest suspension (days)"), null=True, blank=True)
    max_days = models.PositiveIntegerField(_("longest suspension (days)"), null=True, blank=True)
    lift_request_after_days = models.PositiveIntegerField(
        _("may ask to lift after (days)"),
        null=True,
        blank=True,
        help_text=_("For a permanent exclusion: when the person may ask for it to be lifted."),
    )
    note = models.CharField(
        _("wording in your table"),
        max_length=200,
        blank=True,
        help_text=_("For example “correct the behaviour or leave for the day”."),
    )

    class Meta:
        ordering = ["system", "behaviour_class__rank", "for_minors", "offence_from"]
        verbose_name = _("ladder step")
        verbose_name_plural = _("ladder steps")
        constraints = [
            models.CheckConstraint(condition=Q(counts__in=Counting.values), name="ladderstep_counts_valid"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="ladderstep_outcome_valid"),
            models.CheckConstraint(condition=Q(offence_from__gte=1), name="ladderstep_offence_from_positive"),
            models.CheckConstraint(
                condition=Q(offence_to__isnull=True) | Q(offence_to__gte=F("offence_from")),
                name="ladderstep_offence_range_ordered",
                violation_error_message=_("The last offence number cannot be lower than the first."),
            ),
            models.CheckConstraint(condition=Q(lookback_days__gte=1), name="ladderstep_lookback_positive"),
            models.CheckConstraint(
                condition=~Q(outcome="suspension") | (Q(min_days__gte=1) & Q(max_days__gte=F("min_days"))),
                name="ladderstep_suspension_has_days",
                violation_error_message=_(
                    "A suspension needs its length: the longest cannot be shorter than the shortest."
                ),
            ),
        ]
        indexes = [models.Index(fields=["system", "behaviour_class", "for_minors"])]

    def __str__(self) -> str:
        return f"{self.behaviour_class} #{self.offence_from}"


class IssueLimit(models.Model):
    """The longest exclusion a role may issue on its own authority. The director has no limit."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="issue_limits")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    max_days = models.PositiveIntegerField(
        _("longest exclusion (days)"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    may_issue_open_ended = models.BooleanField(
        _("may issue permanent or pending-review exclusions"), default=False
    )

    class Meta:
        ordering = ["system", "role"]
        constraints = [
            models.UniqueConstraint(fields=["system", "role"], name="issuelimit_one_per_role"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="issuelimit_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.max_days}"


class Decider(models.TextChoices):
    SUPERVISOR = "supervisor", _("A supervisor other than the issuer")
    ADMINISTRATOR = "administrator", _("An administrator")
    DIRECTOR = "director", _("The director")


class AppealSettings(VersionedModel):
    system = models.OneToOneField(LibrarySystem, on_delete=models.CASCADE, related_name="appeal_settings")
    min_days_appealable = models.PositiveIntegerField(
        _("appealable when longer than (days)"),
        default=7,
        help_text=_("Shorter exclusions cannot be appealed. Permanent and pending-review ones always can."),
    )
    filing_days = models.PositiveIntegerField(_("days to appeal"), default=10)
    filing_in_working_days = models.BooleanField(_("count working days"), default=True)
    stays_in_force = models.BooleanField(_("the exclusion stays in force during an appeal"), default=True)
    decider = models.CharField(
        _("who decides"), max_length=20, choices=Decider.choices, default=Decider.DIRECTOR
    )
    decision_days = models.PositiveIntegerField(_("working days to decide"), default=10)
    lift_request_interval_days = models.PositiveIntegerField(
        _("days before asking again to lift a permanent exclusion"),
        default=365,
        help_text=_("After a request to lift is refused, the next one may be made this many days later."),
    )
    how_to_appeal = models.TextField(
        _("how to appeal"),
        blank=True,
        default="Write to the Library Director at the main library, by letter or e-mail, saying why you "
        "think the decision should change.",
        help_text=_("Printed on every notice letter."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decider__in=Decider.values), name="appealsettings_decider_valid"
            ),
            models.CheckConstraint(
                condition=Q(filing_days__gte=1), name="appealsettings_filing_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(lift_request_interval_days__gte=1), name="appealsettings_lift_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.system)


class Exclusion(VersionedModel):
    """An order that a person may not be on library premises (one branch or the whole system) for a time."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey("incidents.Person", on_delete=models.PROTECT, related_name="exclusions")
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("only at branch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exclusions",
        help_text=_("Leave empty for every branch of the system."),
    )
    incidents = models.ManyToManyField(
        "incidents.Incident", related_name="exclusions", verbose_name=_("incidents")
    )
    rules = models.ManyToManyField(Rule, related_name="exclusions", verbose_name=_("rules"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    lift_request_after = models.DateField(_("may ask to lift from"), null=True, blank=True)
    conditions = models.TextField(_("conditions for return"), blank=True)
    recommended_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=300, blank=True)
    deviation_reason = models.TextField(_("reason for choosing another consequence"), blank=True)
    deviation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deviation_approved_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    letter_language = models.CharField(
        _("letter language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    guardian_name = models.CharField(_("parent or guardian"), max_length=150, blank=True)
    rescinded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=sorted(EXCLUDING_OUTCOMES)), name="exclusion_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="exclusion_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=["leave_day", "suspension"]) | Q(end_date__isnull=False),
                name="exclusion_fixed_term_has_end",
            ),
        ]
        indexes = [
            models.Index(fields=["system", "start_date", "end_date"]),
            models.Index(fields=["system", "branch", "start_date"]),
            models.Index(fields=["system", "outcome"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} · {self.person}"

    @property
    def is_deviation(self) -> bool:
        return bool(self.deviation_reason)

    @property
    def length_days(self) -> int | None:
        """Days of a fixed-term exclusion; None for an open-ended one, even once a permanent one is lifted."""
        if self.end_date is None or self.outcome == Outcome.PERMANENT:
            return None
        return (self.end_date - self.start_date).days + 1


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Handed over in person")
    MAIL = "mail", _("Sent by mail")
    EMAIL = "email", _("Sent by e-mail")


class Acknowledgement(models.TextChoices):
    SIGNED = "signed", _("Signed for")
    REFUSED = "refused", _("Refused to sign")
    NOT_APPLICABLE = "", _("Not applicable")


class Delivery(models.Model):
    exclusion = models.ForeignKey(Exclusion, on_delete=models.CASCADE, related_name="deliveries")
    method = models.CharField(_("how"), max_length=20, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("date"))
    acknowledgement = models.CharField(
        _("signature"), max_length=20, choices=Acknowledgement.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=DeliveryMethod.values), name="delivery_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(acknowledgement__in=Acknowledgement.values), name="delivery_acknowledgement_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.delivered_on}"


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    SHORTENED = "shortened", _("Shortened")
    RESCINDED = "rescinded", _("Rescinded")


class Appeal(models.Model):
    exclusion = models.ForeignKey(Exclusion, on_delete=models.CASCADE, related_name="appeals")
    received_at = models.DateTimeField(_("received"))
    statement = models.TextField(_("what the person says"))
    good_cause = models.TextField(_("good cause for a late appeal"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=AppealDecision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    new_end_date = models.DateField(_("new last day"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    letter_language = models.CharField(
        _("letter language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=AppealDecision.values), name="appeal_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | (Q(decided_at__isnull=False) & ~Q(decision_reason="")),
                name="appeal_decision_has_reason",
            ),
            models.UniqueConstraint(fields=["exclusion"], condition=Q(decision=""), name="appeal_one_open"),
        ]
        indexes = [models.Index(fields=["decision", "received_at"])]

    def __str__(self) -> str:
        return f"Appeal of {self.exclusion}"

    @property
    def is_open(self) -> bool:
        return not self.decision


class ReviewRecord(models.Model):
    """What a review team decided after looking at one period's exclusions and deviations."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="conduct_reviews")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    findings = models.TextField(_("what the team found and decided"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="review_period_ordered"
            ),
            models.UniqueConstraint(
                fields=["system", "period_start", "period_end"], name="review_one_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.period_start} to {self.period_end}"


class LiftRequestMethod(models.TextChoices):
    LETTER = "letter", _("By letter")
    EMAIL = "email", _("By e-mail")
    IN_PERSON = "in_person", _("In person")


class LiftDecision(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class LiftRequest(VersionedModel):
    """A written request to lift a permanent exclusion, and its decision.

    Granting ends the exclusion (its last day becomes the day before `lifted_from`); the exclusion itself is
    kept, so its history and letters stay as they were.
    """

    exclusion = models.ForeignKey(Exclusion, on_delete=models.CASCADE, related_name="lift_requests")
    received_at = models.DateTimeField(_("received"))
    received_how = models.CharField(
        _("how it was received"), max_length=20, choices=LiftRequestMethod.choices
    )
    statement = models.TextField(_("what the person says"))
    what_changed = models.TextField(
        _("what has changed"),
        blank=True,
        help_text=_("Supporting information: courses, letters of support, a change in circumstances."),
    )
    early_cause = models.TextField(_("good cause for an early request"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=20, choices=LiftDecision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    lifted_from = models.DateField(_("may return from"), null=True, blank=True)
    return_conditions = models.TextField(_("conditions for return"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    letter_language = models.CharField(
        _("letter language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("request to lift an exclusion")
        verbose_name_plural = _("requests to lift an exclusion")
        constraints = [
            models.CheckConstraint(
                condition=Q(received_how__in=LiftRequestMethod.values), name="liftrequest_received_how_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=LiftDecision.values),
                name="liftrequest_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | (Q(decided_at__isnull=False) & ~Q(decision_reason="")),
                name="liftrequest_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(decision="granted") | Q(lifted_from__isnull=False),
                name="liftrequest_granted_has_return_date",
            ),
            models.CheckConstraint(
                condition=Q(decision="granted") | Q(lifted_from__isnull=True),
                name="liftrequest_return_date_only_when_granted",
            ),
            models.UniqueConstraint(
                fields=["exclusion"], condition=Q(decision=""), name="liftrequest_one_open"
            ),
        ]
        indexes = [
            # The desk lists open requests; the periodic review counts received and decided ones by period.
            models.Index(fields=["decision", "received_at"]),
            models.Index(fields=["decision", "decided_at"]),
        ]

    def __str__(self) -> str:
        return f"Request to lift {self.exclusion}"

    @property
    def is_open(self) -> bool:
        return not self.decision
