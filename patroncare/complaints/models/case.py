"""A complaint (or praise, or suggestion) and its case file."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import Branch, LibrarySystem, Location

from .choices import (
    OPEN_STATUSES,
    Channel,
    EntryKind,
    Judgement,
    Kind,
    MessageChannel,
    Outcome,
    Remedy,
    Satisfaction,
    Severity,
    Status,
)
from .config import Category

# Generous: a patron's letter can run long, and text over the limit is refused with a counter, never cut.
NARRATIVE_MAX = 20000
# Stage 1 is the first response; a patron not satisfied asks the director (2), then, where the library's
# procedure provides it (ComplaintSettings.board_review), the board (3).
STAGE_LABELS = {
    1: _("Stage 1"),
    2: _("Stage 2: review by the director"),
    3: _("Stage 3: review by the board"),
}


def _valid(field: str, choices, *, blank: bool = False) -> Q:
    condition = Q(**{f"{field}__in": choices.values})
    return condition | Q(**{field: ""}) if blank else condition


class Complaint(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.PROTECT, related_name="complaints")
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("branch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    narrative = models.TextField(_("what happened"), max_length=NARRATIVE_MAX)
    desired_outcome = models.TextField(_("what would put it right"), max_length=2000, blank=True)
    # Only those handling the case see who the patron is (see permissions.can_see_patron). Their name and
    # contact are the person's (patrons.Person), kept once for every case and record about them.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    patron = models.ForeignKey(
        "patrons.Person",
        verbose_name=_("patron"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    # The language the case is handled in (its e-mails, its status page), as chosen when it was received.
    patron_language = models.CharField(
        _("language of the case"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    staff_involved = models.TextField(_("staff involved"), max_length=1000, blank=True)
    # Where and when it happened, as the recorder was told (a desk record asks; the public form does not).
    location = models.ForeignKey(
        Location,
        verbose_name=_("where it happened"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    # Staff who are named by the complaint never read or handle it (see permissions.can_read_restricted).
    staff_named = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff members named"),
        blank=True,
        related_name="complaints_naming",
    )
    # Praise passed on by a supervisor: the staff praised then see this case, and only it.
    praise_passed_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("praise passed on to"),
        blank=True,
        related_name="praise_received",
    )
    praise_passed_at = models.DateTimeField(_("praise passed on"), null=True, blank=True)
    # A complaint about staff conduct is readable only by overseers of its branch, the director and
    # administrators, from the moment it is recorded; once restricted it stays so.
    restricted = models.BooleanField(_("restricted to supervisors"), default=False)
    policy = models.ForeignKey(
        "policies.Policy",
        verbose_name=_("policy in the policy library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    policy_tag = models.CharField(
        _("policy or procedure touched"),
        max_length=80,
        blank=True,
        help_text=_("A short name such as “fines” or “room booking”; cases with the same name are grouped."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_complaints",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_complaints",
    )
    linked = models.ManyToManyField("self", blank=True, verbose_name=_("linked cases"))
    review = models.ForeignKey(
        "complaints.PolicyReview",
        verbose_name=_("policy or procedure review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    received_at = models.DateTimeField(_("received"))
    acknowledge_due_at = models.DateTimeField(_("acknowledge by"), null=True, blank=True)
    respond_due_at = models.DateTimeField(_("respond by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    review_requested_at = models.DateTimeField(_("review requested"), null=True, blank=True)
    # Set when staff ask the patron something; cleared when the patron answers from the status page.
    waiting_for_patron_since = models.DateTimeField(_("waiting for the patron since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when the retention schedule removed what identifies the patron and what they wrote.
    anonymised_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    judgement = models.CharField(
        _("one-off or systemic"), max_length=10, choices=Judgement.choices, blank=True
    )
    judgement_reason = models.TextField(_("reason for the judgement"), max_length=2000, blank=True)
    # A public submission carries a one-time token: a retry or double click finds the case already made.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    secret_hash = models.CharField(max_length=128, blank=True, editable=False)
    secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=15, choices=Satisfaction.choices, blank=True
    )
    satisfaction_at = models.DateTimeField(null=True, blank=True)
    # Two cases of the same complaint: this one was closed into `merged_into`, whose timeline shows ours.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
    )
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True)
    # Blank: the patron answered through the follow-up link; otherwise how staff heard the answer.
    satisfaction_channel = models.CharField(
        _("satisfaction told by"), max_length=10, choices=MessageChannel.choices, blank=True
    )
    satisfaction_comment = models.TextField(_("the patron's comment"), max_length=2000, blank=True)
    satisfaction_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("satisfaction recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(condition=_valid("kind", Kind), name="complaint_kind_valid"),
            models.CheckConstraint(condition=_valid("channel", Channel), name="complaint_channel_valid"),
            models.CheckConstraint(
                condition=_valid("severity", Severity, blank=True), name="complaint_severity_valid"
            ),
            models.CheckConstraint(condition=_valid("status", Status), name="complaint_status_valid"),
            models.CheckConstraint(condition=Q(stage__in=[1, 2, 3]), name="complaint_stage_valid"),
            models.CheckConstraint(
                condition=_valid("outcome", Outcome, blank=True), name="complaint_outcome_valid"
            ),
            models.CheckConstraint(
                condition=_valid("judgement", Judgement, blank=True), name="complaint_judgement_valid"
            ),
            models.CheckConstraint(
                condition=_valid("satisfaction", Satisfaction, blank=True),
                name="complaint_satisfaction_valid",
            ),
            models.CheckConstraint(
                condition=_valid("satisfaction_channel", MessageChannel, blank=True),
                name="complaint_satisfaction_channel_valid",
            ),
            # A closed case always carries its judgement (a merged one its merge); an anonymous one keeps no
            # contact.
            models.CheckConstraint(
                condition=~Q(status="closed")
                | (Q(closed_at__isnull=False) & (~Q(judgement="") | Q(merged_into__isnull=False))),
                name="complaint_closed_has_judgement",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True)
                | (~Q(merged_into=F("pk")) & Q(status="closed", merged_at__isnull=False)),
                name="complaint_merged_is_closed_elsewhere",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(patron__isnull=True),
                name="complaint_anonymous_has_no_patron",
            ),
        ]
        indexes = [
            models.Index(fields=["system", "status", "-received_at"]),
            models.Index(fields=["system", "branch", "-received_at"]),
            models.Index(fields=["system", "category", "-received_at"]),
            models.Index(fields=["system", "severity", "-received_at"]),
            models.Index(fields=["system", "owner", "status"]),
            models.Index(fields=["system", "respond_due_at"]),
            models.Index(fields=["system", "acknowledge_due_at"]),
            models.Index(fields=["system", "policy_tag", "-received_at"]),
            models.Index(fields=["system", "waiting_for_patron_since"]),
            # The resend check of the public form: the same system's web messages of the last minutes.
            models.Index(fields=["system", "channel", "-received_at"]),
        ]

    # The patron's contact, read through their person record (select_related("patron") where listed).
    @property
    def patron_name(self) -> str:
        return self.patron.name if self.patron_id else ""

    @property
    def patron_email(self) -> str:
        return self.patron.email if self.patron_id else ""

    @property
    def patron_phone(self) -> str:
        return self.patron.phone if self.patron_id else ""

    def __str__(self) -> str:
        return self.reference

    @property
    def title(self) -> str:
        return Truncator(" ".join(self.narrative.split())).chars(90)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None

    @cached_property
    def named_staff_ids(self) -> frozenset[int]:
        if self.pk is None:
            return frozenset()
        return frozenset(self.staff_named.values_list("pk", flat=True))

    def overdue_at(self, now) -> str:
        """Which clock has run out at `now`: "acknowledge", "respond" or ""."""
        if not self.is_open:
            return ""
        if self.acknowledged_at is None and self.acknowledge_due_at and self.acknowledge_due_at < now:
            return "acknowledge"
        if self.responded_at is None and self.respond_due_at and self.respond_due_at < now:
            return "respond"
        return ""

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, ""))

    @property
    def warrants_statement(self) -> bool:
        """A serious (or critical) mistake that was upheld: the public is told."""
        return self.severity in {Severity.SERIOUS, Severity.CRITICAL} and self.outcome in {
            Outcome.UPHELD,
            Outcome.PARTLY_UPHELD,
        }

    @property
    def next_due_at(self):
        if not self.is_open:
            return None
        if self.acknowledged_at is None and self.acknowledge_due_at:
            return self.acknowledge_due_at
        return self.respond_due_at if self.responded_at is None else None


class CaseEntry(models.Model):
    """One line of a case's timeline. Entries marked for the patron appear on the status page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    channel = models.CharField(_("sent by"), max_length=10, choices=MessageChannel.choices, blank=True)
    body = models.TextField(_("text"), max_length=8000, blank=True)
    # What PatronCare itself says in the entry, as codes ({"code": "received", "channel": "desk"}): rendered
    # in the reader's language when read (entry_text), never stored in the language of whoever recorded it.
    # `body` keeps only what a person typed (a reason, an action), which stays as typed.
    data = models.JSONField(_("codes"), default=dict, blank=True)
    for_patron = models.BooleanField(_("shown to the patron"), default=False)
    stage = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")
        constraints = [
            models.CheckConstraint(condition=_valid("kind", EntryKind), name="caseentry_kind_valid"),
            models.CheckConstraint(
                condition=_valid("channel", MessageChannel, blank=True), name="caseentry_channel_valid"
            ),
        ]
        indexes = [models.Index(fields=["complaint", "created_at"])]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"

    @property
    def text(self) -> str:
        """The entry as the reader reads it, in their language (see `data`)."""
        from .entry_texts import entry_text

        return entry_text(self)


class ComplaintResponse(models.Model):
    """The formal answer at one stage.

    Decision, reasons, remedy, what is outstanding, and how to ask for a review.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="responses")
    stage = models.PositiveSmallIntegerField()
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), max_length=4000)
    remedies = models.JSONField(_("remedy"), default=list)
    remedy_detail = models.TextField(_("what we did"), max_length=2000)
    outstanding_summary = models.TextField(_("actions still outstanding"), max_length=2000, blank=True)
    review_info = models.TextField(_("how to ask for a review"), max_length=2000)
    channel = models.CharField(_("sent by"), max_length=10, choices=MessageChannel.choices)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="response_one_per_stage"),
            models.CheckConstraint(condition=_valid("outcome", Outcome), name="response_outcome_valid"),
            models.CheckConstraint(condition=Q(stage__in=[1, 2, 3]), name="response_stage_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} stage {self.stage}"

    def remedy_labels(self) -> list[str]:
        return [str(Remedy(value).label) for value in self.remedies if value in Remedy.values]


class OutstandingAction(models.Model):
    """Something promised in a response; it stays tracked after the response is sent."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    # Who keeps the promise and by when (a date in the library's time zone). Empty only on actions
    # recorded before actions had owners.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaint_actions",
    )
    due_date = models.DateField(_("due by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outstanding action")
        verbose_name_plural = _("outstanding actions")
        indexes = [
            models.Index(fields=["complaint", "done_at"]),
            models.Index(fields=["owner", "done_at", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today) -> bool:
        return self.done_at is None and self.due_date is not None and self.due_date < today
