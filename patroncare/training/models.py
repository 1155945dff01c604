"""Practice: scenarios in immutable published versions, plays, group sessions, assignments.

A scenario's content is its plain-text source (see scenario_format.py); a version stores that text, so a
play always replays exactly what the player saw. Scores and answers belong to the person who played.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.libraries.models import Branch, LibrarySystem


class Scenario(models.Model):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="scenarios")
    slug = models.SlugField(_("short name"), max_length=80)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "slug", "language"], name="training_scenario_unique_slug"
            ),
        ]
        indexes = [models.Index(fields=["system", "language"])]

    def __str__(self) -> str:
        return f"{self.slug} ({self.language})"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ScenarioVersion(VersionedModel):
    """One version of a scenario. A published version never changes; editing it starts a new draft."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    source = models.TextField(_("scenario text"))
    step_count = models.PositiveIntegerField(default=0)
    # A draft made from a real case: publishing needs a trainer to confirm it was reviewed for anything
    # that could identify a person or place.
    from_case = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scenario", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="training_version_unique_number"),
            models.UniqueConstraint(
                fields=["scenario"], condition=Q(status="draft"), name="training_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="training_version_status"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="training_version_published_at",
            ),
            models.CheckConstraint(
                condition=Q(from_case=False) | Q(status="draft") | Q(reviewed_at__isnull=False),
                name="training_version_case_reviewed",
            ),
        ]
        indexes = [models.Index(fields=["status", "scenario"])]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Play(models.Model):
    """One person playing one version of a scenario alone. `path` lists their answers in order."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_plays"
    )
    branch = models.ForeignKey(
        Branch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the person worked when they played."),
    )
    version = models.ForeignKey(ScenarioVersion, on_delete=models.PROTECT, related_name="plays")
    current_step = models.CharField(max_length=80)
    # [{"step": id, "choice": index, "score": n, "skill": key}, ...]
    path = models.JSONField(default=list, blank=True)
    score = models.PositiveIntegerField(default=0)
    max_score = models.PositiveIntegerField(default=0)
    ending = models.CharField(max_length=80, blank=True)
    outcome = models.CharField(max_length=12, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__lte=models.F("max_score")), name="training_play_score_le_max"
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | ~Q(ending=""),
                name="training_play_finished_has_ending",
            ),
        ]
        indexes = [
            models.Index(fields=["system", "user", "-started_at"]),
            models.Index(fields=["system", "branch", "finished_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


class Assignment(models.Model):
    """A scenario a person is asked to complete by a date. Done once they finish any version of it after
    being assigned; overdue is computed when read."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practice_assignments",
        verbose_name=_("person"),
    )
    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("scenario")
    )
    due_date = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ["due_date"]
        indexes = [
            models.Index(fields=["system", "assignee", "due_date"]),
            models.Index(fields=["system", "assigned_by", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.assignee} · {self.scenario}"


class GroupSession(models.Model):
    """A trainer runs a scenario for a team on a shared screen; the group's choices and notes are kept."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        ScenarioVersion, on_delete=models.PROTECT, related_name="group_sessions", verbose_name=_("scenario")
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("branch")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="practice_sessions", verbose_name=_("attendees")
    )
    current_step = models.CharField(max_length=80)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    ending = models.CharField(max_length=80, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["system", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.version.title} · {self.started_at:%Y-%m-%d}"


class GroupStep(models.Model):
    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    step_id = models.CharField(max_length=80)
    choice = models.PositiveIntegerField()
    notes = models.TextField(_("discussion notes"), blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="training_groupstep_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.position}"
