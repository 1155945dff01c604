"""Exclusions of one library system, their deliveries, appeals, lift requests and periodic reviews.

The rules and the ladder they follow live in the rulebook. An exclusion's state (pending, active, under
appeal, ended, rescinded) is never stored: it follows from its dates and decisions when read (see
`state.py`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.core.files import random_upload_to
from patroncare.libraries.models import Branch, LibrarySystem
from patroncare.rulebook.models import EXCLUDING_OUTCOMES, Outcome, Rule


class ExclusionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    UNDER_APPEAL = "under_appeal", _("Under appeal")
    ENDED = "ended", _("Ended")
    RESCINDED = "rescinded", _("Rescinded")


@dataclass(frozen=True)
class StateBadge:
    key: str
    label: str
    css: str


# How each state is shown wherever an exclusion is listed: red while it is in force, amber under appeal.
STATE_BADGES = {
    ExclusionState.ACTIVE: "badge--overdue",
    ExclusionState.UNDER_APPEAL: "badge--urgent",
    ExclusionState.PENDING: "",
    ExclusionState.RESCINDED: "badge--muted",
    ExclusionState.ENDED: "badge--ok",
}


class Exclusion(VersionedModel):
    """An order that a person may not be on library premises (one branch or the whole system) for a time."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey("patrons.Person", on_delete=models.PROTECT, related_name="exclusions")
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
    # What staff wrote for a letter in Spanish; the Spanish letter prints it in place of the English text.
    summary_es = models.TextField(_("what happened, in Spanish"), max_length=600, blank=True)
    conditions_es = models.TextField(_("conditions for return, in Spanish"), blank=True)
    recommended_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=300, blank=True)
    # Which option of the ladder row the issuer chose when the row offered more than one (1 is the row's own
    # outcome); empty for a deviation or a row without a choice. The text keeps the option as worded then.
    ladder_option = models.PositiveSmallIntegerField(_("option of the ladder chosen"), null=True, blank=True)
    ladder_option_text = models.CharField(_("option of the ladder chosen"), max_length=200, blank=True)
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
    def lifted_on(self):
        """The last day of a permanent exclusion that was lifted, else None."""
        return self.end_date if self.outcome == Outcome.PERMANENT else None

    @property
    def awaits_review(self) -> bool:
        """An immediate suspension with no last day until the review decides it."""
        return self.outcome == Outcome.PENDING_REVIEW and self.end_date is None

    @property
    def under_appeal(self) -> bool:
        return getattr(self, "state", "") == ExclusionState.UNDER_APPEAL

    @property
    def state_badge(self) -> StateBadge:
        """The state read for this page (selectors set `state`), as a label and its colour."""
        state = ExclusionState(getattr(self, "state", ExclusionState.ENDED))
        return StateBadge(key=state.value, label=str(state.label), css=STATE_BADGES[state])

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
    earlier_reason = models.CharField(
        _("why it is recorded after the day it was given"), max_length=300, blank=True
    )
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
    decision_reason_es = models.TextField(_("reason, in Spanish"), blank=True)
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


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("The person attended")
    REPRESENTED = "represented", _("The person was represented")
    NOT_ATTENDED = "not_attended", _("The person did not attend")


class Hearing(VersionedModel):
    """The hearing of an appeal: when and where, who sits, the documents sent beforehand, and what happened.

    Rescheduling changes this one record (and `scheduled_recorded_at`, so a new invitation letter is issued).
    The appeal waits for its decision until the attendance is recorded.
    """

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="hearing")
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    panel_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("panel members")
    )
    panel_names = models.CharField(
        _("other people on the panel"),
        max_length=300,
        blank=True,
        help_text=_("Names of people who are not users of PatronCare, separated by commas."),
    )
    late_reason = models.TextField(_("reason for holding it after the deadline"), blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scheduled_recorded_at = models.DateTimeField()
    documents_disclosed_on = models.DateField(_("documents sent to the person on"), null=True, blank=True)
    documents_note = models.CharField(_("documents sent"), max_length=300, blank=True)
    attendance = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices, blank=True)
    represented_by = models.CharField(_("represented by"), max_length=150, blank=True)
    outcome_notes = models.TextField(_("notes of the hearing"), blank=True)
    held_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_at"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance="") | Q(attendance__in=Attendance.values),
                name="hearing_attendance_valid",
            ),
            models.CheckConstraint(
                condition=~Q(attendance="represented") | ~Q(represented_by=""),
                name="hearing_representative_named",
                violation_error_message=_("Say who represented the person."),
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(held_recorded_at__isnull=False),
                name="hearing_attendance_recorded_when",
            ),
            models.CheckConstraint(condition=~Q(place=""), name="hearing_place_given"),
        ]
        indexes = [models.Index(fields=["attendance", "scheduled_at"])]

    def __str__(self) -> str:
        return f"Hearing of {self.appeal}"

    @property
    def is_recorded(self) -> bool:
        """The hearing took place (with or without the person): the appeal may now be decided."""
        return bool(self.attendance)

    def panel(self) -> list[str]:
        """Everyone who sits, users first, as their names are printed."""
        names = [member.full_name or member.email for member in self.panel_members.all()]
        return names + [name.strip() for name in self.panel_names.split(",") if name.strip()]


class AppealClock(models.TextChoices):
    HEARING = "hearing", _("Hold the hearing")
    DISCLOSURE = "disclosure", _("Send the documents to the person")
    DECISION = "decision", _("Decide the appeal")


class ReminderWhen(models.TextChoices):
    SOON = "soon", _("Within one working day")
    PASSED = "passed", _("Passed")


class AppealDeadlineNotice(models.Model):
    """That a decider was told an appeal's deadline is near or has passed: each once per due date.

    A hearing moved to another day gives the documents' deadline a new due date, and so a new notice.
    """

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="deadline_notices")
    clock = models.CharField(max_length=12, choices=AppealClock.choices)
    when = models.CharField(max_length=8, choices=ReminderWhen.choices)
    due_at = models.DateTimeField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "clock", "when", "due_at", "recipient"],
                name="appealdeadlinenotice_once_per_due_date",
            ),
            models.CheckConstraint(
                condition=Q(clock__in=AppealClock.values), name="appealdeadlinenotice_clock_valid"
            ),
            models.CheckConstraint(
                condition=Q(when__in=ReminderWhen.values), name="appealdeadlinenotice_when_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.clock} {self.when}"


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
    decision_reason_es = models.TextField(_("reason, in Spanish"), blank=True)
    lifted_from = models.DateField(_("may return from"), null=True, blank=True)
    return_conditions = models.TextField(_("conditions for return"), blank=True)
    return_conditions_es = models.TextField(_("conditions for return, in Spanish"), blank=True)
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


class LetterKind(models.TextChoices):
    NOTICE = "notice", _("Notice of exclusion")
    AMENDED_NOTICE = "amended_notice", _("Amended notice")
    APPEAL_DECISION = "appeal_decision", _("Decision on an appeal")
    LIFT_DECISION = "lift_decision", _("Decision on a request to lift")
    HEARING_INVITATION = "hearing_invitation", _("Invitation to the hearing of an appeal")


class Letter(models.Model):
    """A letter exactly as it was issued: the PDF is stored once and never rewritten.

    A later change of dates gives a new letter (an amended notice that `supersedes` the earlier one), so the
    letter first sent can always be printed again, byte for byte.
    """

    exclusion = models.ForeignKey(Exclusion, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    appeal = models.ForeignKey(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    lift_request = models.ForeignKey(
        LiftRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    file = models.FileField(upload_to=random_upload_to("letters"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LetterKind.values), name="letter_kind_valid"),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="letter_language_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="amended_notice") | Q(supersedes__isnull=False),
                name="letter_amended_supersedes",
            ),
        ]
        indexes = [models.Index(fields=["exclusion", "kind", "language"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language}) {self.issued_at:%Y-%m-%d}"

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]
