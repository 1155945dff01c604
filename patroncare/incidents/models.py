"""Behaviour incidents: what was seen and heard, where and when, who was involved and how, what staff did.

No field records a diagnosis, housing status, race, ethnicity, religion, disability or any other protected
trait: people are identified by library card number or by a description of appearance and clothing only.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.core.files import random_upload_to
from patroncare.libraries.models import Branch, LibrarySystem, Location
from patroncare.patrons.models import Person


class Level(models.TextChoices):
    ANNOYING = "annoying", _("Annoying")
    DISRUPTIVE = "disruptive", _("Disruptive")
    DANGEROUS = "dangerous", _("Dangerous or illegal")


LEVEL_RANK = {Level.ANNOYING: 1, Level.DISRUPTIVE: 2, Level.DANGEROUS: 3}


class Behaviour(models.TextChoices):
    NOISE = "noise", _("Noise or loud phone use")
    EQUIPMENT = "equipment", _("Misuse of equipment or furniture")
    RUDENESS = "rudeness", _("Rude or impatient, no threat")
    HARASSMENT = "harassment", _("Harassment of patrons or staff")
    ABUSIVE_LANGUAGE = "abusive_language", _("Abusive language, insults or slurs")
    THREATS = "threats", _("Threats")
    VIOLENCE = "violence", _("Violence or physical contact")
    THEFT = "theft", _("Theft")
    DAMAGE = "damage", _("Damage to property")
    INTOXICATION = "intoxication", _("Intoxicated and disruptive")
    SEXUAL_MISCONDUCT = "sexual_misconduct", _("Sexual misconduct or indecent exposure")
    WEAPON = "weapon", _("Weapon shown or used")
    UNATTENDED_CHILD = "unattended_child", _("Unattended young child")
    MEDICAL = "medical", _("Medical emergency")
    WHILE_EXCLUDED = "while_excluded", _("Present while excluded")


BEHAVIOUR_LEVEL = {
    Behaviour.NOISE: Level.ANNOYING,
    Behaviour.EQUIPMENT: Level.ANNOYING,
    Behaviour.RUDENESS: Level.ANNOYING,
    Behaviour.HARASSMENT: Level.DISRUPTIVE,
    Behaviour.ABUSIVE_LANGUAGE: Level.DISRUPTIVE,
    Behaviour.INTOXICATION: Level.DISRUPTIVE,
    Behaviour.UNATTENDED_CHILD: Level.DISRUPTIVE,
    Behaviour.DAMAGE: Level.DISRUPTIVE,
    Behaviour.WHILE_EXCLUDED: Level.DISRUPTIVE,
    Behaviour.THREATS: Level.DANGEROUS,
    Behaviour.VIOLENCE: Level.DANGEROUS,
    Behaviour.THEFT: Level.DANGEROUS,
    Behaviour.SEXUAL_MISCONDUCT: Level.DANGEROUS,
    Behaviour.WEAPON: Level.DANGEROUS,
    Behaviour.MEDICAL: Level.DANGEROUS,
}


def level_of(behaviours) -> str:
    """The incident's place on the continuum: that of its most serious behaviour."""
    levels = [BEHAVIOUR_LEVEL[b] for b in behaviours]
    return max(levels, key=LEVEL_RANK.__getitem__) if levels else Level.ANNOYING


class Incident(VersionedModel):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="incidents")
    branch = models.ForeignKey(
        Branch, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="incidents"
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("where in the branch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    summary = models.CharField(_("in a few words"), max_length=150)
    narrative = models.TextField(_("what you saw and heard"))
    injuries = models.CharField(_("injuries"), max_length=300, blank=True)
    damage = models.CharField(_("damage"), max_length=300, blank=True)
    rules = models.ManyToManyField(
        "rulebook.Rule", blank=True, related_name="incidents", verbose_name=_("rules touched")
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # When nobody acknowledged its alert in time and the director and system-wide supervisors were told.
    alert_escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.CheckConstraint(condition=Q(level__in=Level.values), name="incident_level_valid")
        ]
        indexes = [
            models.Index(fields=["system", "branch", "-occurred_at"]),
            models.Index(fields=["system", "level", "-occurred_at"]),
            models.Index(fields=["system", "location", "-occurred_at"]),
            models.Index(fields=["system", "reported_by", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.summary}"


class IncidentBehaviour(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="behaviours")
    behaviour = models.CharField(max_length=30, choices=Behaviour.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "behaviour"], name="incidentbehaviour_unique"),
            models.CheckConstraint(
                condition=Q(behaviour__in=Behaviour.values), name="incidentbehaviour_valid"
            ),
        ]
        indexes = [models.Index(fields=["behaviour", "incident"])]

    def __str__(self) -> str:
        return self.get_behaviour_display()


class InvolvementRole(models.TextChoices):
    SUBJECT = "subject", _("Person whose behaviour is reported")
    AFFECTED = "affected", _("Affected patron")
    WITNESS = "witness", _("Witness")
    STAFF = "staff", _("Staff member")


class Involvement(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(_("role"), max_length=20, choices=InvolvementRole.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_involvements",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=InvolvementRole.values), name="involvement_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(staff_member__isnull=False),
                name="involvement_names_someone",
            ),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return self.get_role_display()

    @property
    def is_subject(self) -> bool:
        return self.role == InvolvementRole.SUBJECT


class ActionKind(models.TextChoices):
    REDIRECTED = "redirected", _("Redirected the behaviour")
    WARNED = "warned", _("Gave a warning")
    ASKED_TO_LEAVE = "asked_to_leave", _("Asked to leave")
    COLLEAGUE = "colleague", _("Got a colleague")
    SECURITY = "security", _("Called security")
    POLICE = "police", _("Called the police")
    EMS = "ems", _("Called emergency medical services")


class StaffAction(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    report_number = models.CharField(_("report number"), max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind"], name="staffaction_unique"),
            models.CheckConstraint(condition=Q(kind__in=ActionKind.values), name="staffaction_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Attachment(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=random_upload_to("incidents/files"))
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class WritingFlag(models.Model):
    """A label or judgement the writing help found, and whether the writer kept it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="writing_flags")
    term = models.CharField(max_length=60)
    category = models.CharField(max_length=20)
    suggestion = models.CharField(max_length=300)
    kept = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["category", "kept"])]

    def __str__(self) -> str:
        return f"{self.category}: {self.term}"


class FollowUp(VersionedModel):
    """A task that follows from an incident: who does it, by when, and what was done.

    Optional at report time; a supervisor assigns it later. Whether it is overdue follows from `due_on` and
    today's local date, computed when read.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(_("follow-up task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_follow_ups",
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    # Empty only for tasks typed into reports before follow-ups could be assigned.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_note = models.CharField(_("what was done"), max_length=500, blank=True)

    class Meta:
        # Open ones first (NULLs sort differently in SQLite and PostgreSQL: say where they go).
        ordering = [F("done_at").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="followup_has_description"),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
                name="followup_done_by_iff_done_at",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=False) | Q(done_note=""), name="followup_note_only_when_done"
            ),
        ]
        indexes = [
            # The desk ("assigned to you") and the follow-ups page's assignee and state filters.
            models.Index(fields=["assignee", "done_at", "due_on"]),
            # The follow-ups page's open / overdue / done filters.
            models.Index(fields=["done_at", "due_on"]),
            models.Index(fields=["incident", "done_at"]),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today) -> bool:
        return self.done_at is None and self.due_on is not None and self.due_on < today


class AlertReceipt(models.Model):
    """One alert about one incident, e-mailed to one person, and when they said they had seen it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="alert_receipts")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="incident_alert_receipts"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("alert receipt")
        verbose_name_plural = _("alert receipts")
        constraints = [
            models.UniqueConstraint(fields=["incident", "recipient"], name="alertreceipt_one_per_recipient"),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | Q(acknowledged_at__gte=models.F("sent_at")),
                name="alertreceipt_acknowledged_after_sent",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "acknowledged_at", "-sent_at"]),
            models.Index(fields=["incident", "acknowledged_at"]),
        ]

    def __str__(self) -> str:
        return f"Alert of incident {self.incident_id} to user {self.recipient_id}"


class AlertSettings(VersionedModel):
    """Per library system: how long an alert may wait unacknowledged before it goes to the director."""

    system = models.OneToOneField(LibrarySystem, on_delete=models.CASCADE, related_name="incident_alerts")
    escalate_after_minutes = models.PositiveIntegerField(
        _("escalate after (minutes) without an acknowledgement"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_(
            "Between 5 and 1440. Then the director and the system-wide supervisors are e-mailed, once."
        ),
    )

    class Meta:
        verbose_name = _("alert settings")
        verbose_name_plural = _("alert settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(escalate_after_minutes__gte=5, escalate_after_minutes__lte=24 * 60),
                name="alertsettings_escalation_window_valid",
            )
        ]

    def __str__(self) -> str:
        return f"Alerts: escalate after {self.escalate_after_minutes} minutes"


class Draft(models.Model):
    """A report being written, saved as the writer types: a lost connection or a closed tab loses nothing."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="incident_drafts"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["author", "-updated_at"])]

    def __str__(self) -> str:
        return f"Draft {self.key}"


class Debrief(VersionedModel):
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="debrief")
    due_on = models.DateField(_("due"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("what we learned"), blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Debrief of incident {self.incident_id}"


class Feeling(models.TextChoices):
    OK = "ok", _("I'm OK")
    SHAKEN = "shaken", _("A bit shaken")
    STRUGGLING = "struggling", _("Struggling")


class CheckIn(VersionedModel):
    """A private well-being check-in: only the staff member, and those they choose, see the answers."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="check_ins")
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    due_on = models.DateField(_("due"))
    answered_at = models.DateTimeField(null=True, blank=True)
    feeling = models.CharField(_("how are you?"), max_length=20, choices=Feeling.choices, blank=True)
    would_like = models.TextField(_("anything you would like (time off, a talk, support)"), blank=True)
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("share my answers with")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "staff_member"], name="checkin_one_per_person"),
            models.CheckConstraint(
                condition=Q(feeling="") | Q(feeling__in=Feeling.values), name="checkin_feeling_valid"
            ),
        ]
        indexes = [models.Index(fields=["staff_member", "answered_at", "due_on"])]

    def __str__(self) -> str:
        return f"Check-in of incident {self.incident_id}"
