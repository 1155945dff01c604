"""The library's rulebook: rules of conduct and their versions, behaviour classes, the consequence ladder,
issue limits, authority groups and appeal settings of one library system.

Below incidents and exclusions: an incident cites rules, an exclusion follows the ladder; the rulebook knows
neither. The tables keep the names they had when they lived in the conduct app.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from patroncare.accounts.models import Role
from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.calendar import Unit, period_last_day
from patroncare.libraries.models import LibrarySystem


class Counting(models.TextChoices):
    """Which earlier violations a row of the table counts."""

    SAME_CLASS = "same", _("Earlier violations of the same class")
    SAME_OR_MORE_SERIOUS = "at_least", _("Earlier violations of this class or a more serious one")
    ANY_CLASS = "any", _("Earlier violations of any class")


class LookbackUnit(models.TextChoices):
    """A look-back window's unit, or none at all: every earlier violation counts, however old."""

    DAYS = Unit.DAYS.value, Unit.DAYS.label
    WEEKS = Unit.WEEKS.value, Unit.WEEKS.label
    MONTHS = Unit.MONTHS.value, Unit.MONTHS.label
    YEARS = Unit.YEARS.value, Unit.YEARS.label
    NONE = "none", _("no look-back (every earlier violation counts)")


class BehaviourClass(VersionedModel):
    """A class, level, tier or group of behaviour, named as the library's published rules name it.

    A library may have any number of them ("Class A" to "Class E", "Level 1" to "Level 3", ...); `rank` orders
    them from the least to the most serious, which is how an incident touching several rules is classed.
    Classes may share a rank; the name then settles the order, the same every time. The `default_*` fields are
    what a new row of the ladder for this class counts unless it says otherwise.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="behaviour_classes")
    rank = models.PositiveSmallIntegerField(
        _("seriousness"),
        help_text=_(
            "1 for the least serious class; higher numbers are more serious. Classes may share a number."
        ),
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("As printed in your rules, e.g. Class B."))
    in_sentence = models.CharField(
        _("word in a recommendation"),
        max_length=60,
        blank=True,
        help_text=_("Fills “Second … violation in 12 months”, e.g. serious or Class B. Empty: the name."),
    )
    default_lookback_number = models.PositiveIntegerField(
        _("usual look-back window"),
        null=True,
        blank=True,
        default=12,
        help_text=_("What a new row of the ladder for this class uses. Leave empty with “no look-back”."),
    )
    default_lookback_unit = models.CharField(
        _("usual look-back unit"), max_length=10, choices=LookbackUnit.choices, default=LookbackUnit.MONTHS
    )
    default_counts = models.CharField(
        _("earlier violations usually counted"),
        max_length=10,
        choices=Counting.choices,
        default=Counting.SAME_CLASS,
    )

    class Meta:
        db_table = "conduct_behaviourclass"
        ordering = ["system", "rank", "name"]
        verbose_name = _("behaviour class")
        verbose_name_plural = _("behaviour classes")
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="behaviourclass_name_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="behaviourclass_rank_positive"),
            models.CheckConstraint(
                # Spelled out "not null": a CHECK whose comparison meets NULL passes in SQL.
                condition=(Q(default_lookback_unit="none") & Q(default_lookback_number__isnull=True))
                | (
                    ~Q(default_lookback_unit="none")
                    & Q(default_lookback_number__isnull=False)
                    & Q(default_lookback_number__gte=1)
                ),
                name="behaviourclass_default_lookback_valid",
                violation_error_message=_(
                    "Give the usual look-back window, or choose “no look-back” and leave the window empty."
                ),
            ),
            models.CheckConstraint(
                condition=Q(default_lookback_unit__in=LookbackUnit.values),
                name="behaviourclass_default_lookback_unit_valid",
            ),
            models.CheckConstraint(
                condition=Q(default_counts__in=Counting.values), name="behaviourclass_default_counts_valid"
            ),
        ]

    def __str__(self) -> str:
        # `name` reads the reader's language (translation.py), falling back to the other version.
        return self.name

    def sentence_word(self) -> str:
        """How a recommendation names this class, in the active language."""
        language = (get_language() or "en")[:2]
        own = getattr(self, f"in_sentence_{language}", None) or getattr(self, f"name_{language}", None)
        return own or self.in_sentence or self.name


class Outcome(models.TextChoices):
    WARNING = "warning", _("Warning")
    LEAVE_DAY = "leave_day", _("Leave for the rest of the day")
    SUSPENSION = "suspension", _("Suspension")
    PENDING_REVIEW = "pending_review", _("Immediate suspension pending review")
    PERMANENT = "permanent", _("Permanent exclusion")


class PeriodUnit(models.TextChoices):
    """The units a row of the table counts its periods in, as the published table words them."""

    DAYS = Unit.DAYS.value, Unit.DAYS.label
    WEEKS = Unit.WEEKS.value, Unit.WEEKS.label
    MONTHS = Unit.MONTHS.value, Unit.MONTHS.label
    YEARS = Unit.YEARS.value, Unit.YEARS.label


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
    is_active = models.BooleanField(_("in force"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "conduct_rule"
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
        title = getattr(self, f"title_{language[:2]}", None)
        text = getattr(self, f"text_{language[:2]}", None)
        if title and text:
            return title, text
        return self.title_en or self.title, self.text_en or self.text


class RuleVersion(models.Model):
    """What a rule said from `changed_at` on: a letter cites the wording in force when it was issued."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=150)
    text = models.TextField()
    class_name = models.CharField(_("class"), max_length=60, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    change_note = models.CharField(_("what changed"), max_length=200, blank=True)

    class Meta:
        db_table = "conduct_ruleversion"
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "number"], name="ruleversion_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.code} v{self.number}"


class LadderStep(VersionedModel):
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
    lookback_number = models.PositiveIntegerField(
        _("look-back window"),
        null=True,
        blank=True,
        default=12,
        help_text=_("Earlier violations count only within this window. Leave empty with “no look-back”."),
    )
    lookback_unit = models.CharField(
        _("look-back unit"), max_length=10, choices=LookbackUnit.choices, default=LookbackUnit.MONTHS
    )
    counts = models.CharField(
        _("earlier violations counted"), max_length=10, choices=Counting.choices, default=Counting.SAME_CLASS
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    length_min = models.PositiveIntegerField(_("shortest suspension"), null=True, blank=True)
    length_max = models.PositiveIntegerField(_("longest suspension"), null=True, blank=True)
    length_unit = models.CharField(
        _("suspension unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.DAYS
    )
    lift_after_number = models.PositiveIntegerField(
        _("may ask to lift after"),
        null=True,
        blank=True,
        help_text=_("For a permanent exclusion: when the person may ask for it to be lifted."),
    )
    lift_after_unit = models.CharField(
        _("may ask to lift after: unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.YEARS
    )
    note = models.CharField(
        _("wording in your table"),
        max_length=200,
        blank=True,
        help_text=_("For example “correct the behaviour or leave for the day”."),
    )

    class Meta:
        db_table = "conduct_ladderstep"
        ordering = [
            "system",
            "behaviour_class__rank",
            "behaviour_class__name",
            "for_minors",
            "offence_from",
            "pk",
        ]
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
            models.CheckConstraint(
                condition=Q(lookback_unit="none") | Q(lookback_number__gte=1),
                name="ladderstep_lookback_positive",
                violation_error_message=_("Give the look-back window, or choose “no look-back”."),
            ),
            models.CheckConstraint(
                condition=Q(lookback_unit__in=LookbackUnit.values), name="ladderstep_lookback_unit_valid"
            ),
            models.CheckConstraint(
                condition=Q(length_unit__in=PeriodUnit.values), name="ladderstep_length_unit_valid"
            ),
            models.CheckConstraint(
                condition=Q(lift_after_unit__in=PeriodUnit.values), name="ladderstep_lift_after_unit_valid"
            ),
            models.CheckConstraint(
                condition=Q(lift_after_number__isnull=True) | Q(lift_after_number__gte=1),
                name="ladderstep_lift_after_positive",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="suspension")
                | (Q(length_min__gte=1) & Q(length_max__gte=F("length_min"))),
                name="ladderstep_suspension_has_days",
                violation_error_message=_(
                    "A suspension needs its length: the longest cannot be shorter than the shortest."
                ),
            ),
        ]
        indexes = [models.Index(fields=["system", "behaviour_class", "for_minors"])]

    def __str__(self) -> str:
        return f"{self.behaviour_class} #{self.offence_from}"


class LadderStepChoice(models.Model):
    """A further outcome a row of the table offers, after the row's own (its first option).

    Some published tables give the issuer a choice in one cell: "correct the behaviour or leave for the day",
    "a warning, or up to 1 day". The row's own outcome and length are option 1; each choice is option
    `position` (2, 3, ...). Any option is within the ladder; anything else is a deviation.
    """

    step = models.ForeignKey(LadderStep, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("option number"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    length_min = models.PositiveIntegerField(_("shortest suspension"), null=True, blank=True)
    length_max = models.PositiveIntegerField(_("longest suspension"), null=True, blank=True)
    length_unit = models.CharField(
        _("suspension unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.DAYS
    )

    class Meta:
        db_table = "conduct_ladderstepchoice"
        ordering = ["step", "position"]
        verbose_name = _("choice in a ladder step")
        verbose_name_plural = _("choices in a ladder step")
        constraints = [
            models.UniqueConstraint(fields=["step", "position"], name="ladderstepchoice_position_unique"),
            # Option 1 is the row's own outcome, so a choice is option 2 or later.
            models.CheckConstraint(
                condition=Q(position__gte=2), name="ladderstepchoice_position_after_first"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="ladderstepchoice_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(length_unit__in=PeriodUnit.values), name="ladderstepchoice_length_unit_valid"
            ),
            models.CheckConstraint(
                # Spelled out "not null": a CHECK whose comparison meets NULL passes in SQL.
                condition=~Q(outcome="suspension")
                | (
                    Q(length_min__isnull=False)
                    & Q(length_max__isnull=False)
                    & Q(length_min__gte=1)
                    & Q(length_max__gte=F("length_min"))
                ),
                name="ladderstepchoice_suspension_has_length",
                violation_error_message=_(
                    "A suspension needs its length: the longest cannot be shorter than the shortest."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step} option {self.position}"


class LimitRole(models.TextChoices):
    """Who a limit belongs to: every built-in role, and the director (who is not a role but one person)."""

    FRONTLINE = Role.FRONTLINE.value, Role.FRONTLINE.label
    SUPERVISOR = Role.SUPERVISOR.value, Role.SUPERVISOR.label
    ADMINISTRATOR = Role.ADMINISTRATOR.value, Role.ADMINISTRATOR.label
    SECURITY = Role.SECURITY.value, Role.SECURITY.label
    TRAINER = Role.TRAINER.value, Role.TRAINER.label
    TRUSTEE = Role.TRUSTEE.value, Role.TRUSTEE.label
    DIRECTOR = "director", _("Director")


class AuthorityGroup(VersionedModel):
    """People an administrator names as holding issuing authority beyond their role, e.g. a review team.

    Its members are staff of the group's own library system; the group's limit is an `IssueLimit`.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="authority_groups")
    name = models.CharField(_("name"), max_length=80, help_text=_("For example: Review team."))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="authority_groups", blank=True
    )

    class Meta:
        ordering = ["system", "name"]
        verbose_name = _("authority group")
        verbose_name_plural = _("authority groups")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "name"],
                name="authoritygroup_name_unique",
                violation_error_message=_("Another group already has this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IssueLimit(models.Model):
    """The longest exclusion a role, the director or an authority group may issue on its own authority.

    A length in calendar units counted from the exclusion's first day ("1 month" from 31 January ends on the
    last day of February); no length is no limit, 0 is none at all. A director with no limit of their own
    has no limit.
    """

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="issue_limits")
    role = models.CharField(_("role"), max_length=20, choices=LimitRole.choices, null=True, blank=True)
    group = models.OneToOneField(
        AuthorityGroup,
        verbose_name=_("authority group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="limit",
    )
    length_number = models.PositiveIntegerField(
        _("longest exclusion"),
        null=True,
        blank=True,
        help_text=_("0 for none at all. Leave empty for no limit."),
    )
    length_unit = models.CharField(
        _("unit"), max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.DAYS
    )
    may_issue_open_ended = models.BooleanField(
        _("may issue permanent or pending-review exclusions"), default=False
    )

    class Meta:
        db_table = "conduct_issuelimit"
        ordering = ["system", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "role"],
                condition=Q(role__isnull=False),
                name="issuelimit_one_per_role",
                violation_error_message=_("This role already has a limit."),
            ),
            models.CheckConstraint(
                condition=Q(role__isnull=True) | Q(role__in=LimitRole.values),
                name="issuelimit_role_valid",
                violation_error_message=_("Choose one of the roles."),
            ),
            models.CheckConstraint(
                condition=Q(role__isnull=False, group__isnull=True)
                | Q(role__isnull=True, group__isnull=False),
                name="issuelimit_role_or_group",
                violation_error_message=_("A limit belongs to one role or to one authority group."),
            ),
            models.CheckConstraint(
                condition=Q(length_unit__in=PeriodUnit.values),
                name="issuelimit_unit_valid",
                violation_error_message=_("Choose days, weeks, months or years."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_label()}: {self.length_number} {self.length_unit}"

    def holder_label(self) -> str:
        return str(self.group) if self.group_id else self.get_role_display()

    def last_day(self, start):
        """The last day this limit allows for an exclusion beginning on `start`: None for no limit, the day
        before `start` when it allows none."""
        if self.length_number is None:
            return None
        if self.length_number == 0:
            return start - timedelta(days=1)
        return period_last_day(start, self.length_number, self.length_unit)


class Decider(models.TextChoices):
    SUPERVISOR = "supervisor", _("A supervisor other than the issuer")
    ADMINISTRATOR = "administrator", _("An administrator")
    DIRECTOR = "director", _("The director")


# The library's own words, printed as they stand (never through gettext): an administrator rewrites them.
HOW_TO_APPEAL = (
    "Write to the Library Director at the main library, by letter or e-mail, saying why you think the "
    "decision should change."
)
HOW_TO_APPEAL_ES = (
    "Escriba a la dirección de la biblioteca, a la biblioteca central, por carta o por correo electrónico, "
    "y explique por qué cree que la decisión debería cambiar."
)

DECISION_DAYS_MESSAGE = _("Give the decider at least 1 day to decide an appeal or a request to lift.")
HEARING_DAYS_MESSAGE = _("When a hearing is required, give the number of days within which it is held.")


class DeadlineUnit(models.TextChoices):
    """How an appeal's deadlines are counted: every day of the calendar, or the system's working days."""

    DAYS = Unit.DAYS.value, _("calendar days")
    WORKING_DAYS = Unit.WORKING_DAYS.value, Unit.WORKING_DAYS.label


class AppealSettings(VersionedModel):
    system = models.OneToOneField(LibrarySystem, on_delete=models.CASCADE, related_name="appeal_settings")
    min_days_appealable = models.PositiveIntegerField(
        _("appealable when longer than (days)"),
        default=7,
        help_text=_("Shorter exclusions cannot be appealed. Permanent and pending-review ones always can."),
    )
    filing_days = models.PositiveIntegerField(_("time to appeal"), default=10)
    filing_unit = models.CharField(
        _("time to appeal: unit"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
        help_text=_("Counted from the day after the notice is given."),
    )
    late_with_good_cause = models.BooleanField(
        _("a late appeal is accepted for good cause"),
        default=True,
        help_text=_("Otherwise an appeal that arrives after the deadline is refused."),
    )
    stays_in_force = models.BooleanField(_("the exclusion stays in force during an appeal"), default=True)
    decider = models.CharField(
        _("who decides"), max_length=20, choices=Decider.choices, default=Decider.DIRECTOR
    )
    decision_days = models.PositiveIntegerField(
        _("time to decide"), default=10, validators=[MinValueValidator(1, DECISION_DAYS_MESSAGE)]
    )
    decision_unit = models.CharField(
        _("time to decide: unit"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
        help_text=_("Counted from the day after the appeal or the request to lift is received."),
    )
    hearing_required = models.BooleanField(
        _("a hearing is held before an appeal is decided"),
        default=False,
        help_text=_("The person may come and speak, alone or represented, before the decision."),
    )
    hearing_days = models.PositiveIntegerField(
        _("hearing held within"), null=True, blank=True, default=10, help_text=_("Of receiving the appeal.")
    )
    hearing_unit = models.CharField(
        _("hearing held within: unit"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    disclosure_days = models.PositiveIntegerField(
        _("documents sent to the person before the hearing"),
        null=True,
        blank=True,
        default=3,
        help_text=_("The documents the decider will read reach the person at least this long before it."),
    )
    disclosure_unit = models.CharField(
        _("documents sent before the hearing: unit"),
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    appeal_after_end = models.BooleanField(
        _("an exclusion that has ended may still be appealed"),
        default=False,
        help_text=_("Otherwise an appeal is refused once the last day of the exclusion has passed."),
    )
    lift_request_interval_days = models.PositiveIntegerField(
        _("days before asking again to lift a permanent exclusion"),
        default=365,
        help_text=_("After a request to lift is refused, the next one may be made this many days later."),
    )
    how_to_appeal = models.TextField(
        _("how to appeal"),
        blank=True,
        default=HOW_TO_APPEAL,
        help_text=_("Printed on every notice letter."),
    )

    class Meta:
        db_table = "conduct_appealsettings"
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
            models.CheckConstraint(
                condition=Q(decision_days__gte=1),
                name="appealsettings_decision_days_positive",
                violation_error_message=DECISION_DAYS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(filing_unit__in=DeadlineUnit.values) & Q(decision_unit__in=DeadlineUnit.values),
                name="appealsettings_deadline_units_valid",
            ),
            models.CheckConstraint(
                condition=Q(hearing_unit__in=DeadlineUnit.values)
                & Q(disclosure_unit__in=DeadlineUnit.values),
                name="appealsettings_hearing_units_valid",
            ),
            models.CheckConstraint(
                condition=Q(hearing_required=False) | Q(hearing_days__gte=1),
                name="appealsettings_hearing_days_given",
                violation_error_message=HEARING_DAYS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return str(self.system)
