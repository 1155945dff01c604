"""The staff service-challenge survey: rounds of questions, answered anonymously.

Anonymity is structural. `Participation` says that a person answered a round (so nobody answers twice) and
nothing else. `Response` and `Answer` have no link to a person, no time, and random ids, so neither the
order of rows nor a timestamp can pair a response with a participation. A response keeps its branch only so
that results can be grouped; a group is shown only when at least MIN_GROUP people answered.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from patroncare.core.concurrency import VersionedModel
from patroncare.core.files import random_upload_to
from patroncare.libraries.models import Branch, LibrarySystem

MIN_GROUP = 5
RATING_MAX = 5


class Round(models.Model):
    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="survey_rounds")
    title = models.CharField(_("title"), max_length=150)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    branches = models.ManyToManyField(Branch, verbose_name=_("branches"), related_name="+")
    # Roles asked, as codes separated by commas (accounts.Role values).
    roles = models.CharField(_("roles"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # The day those who had not answered were reminded (once per round, before it closes).
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"
            )
        ]
        indexes = [models.Index(fields=["system", "opens_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def role_codes(self) -> list[str]:
        return [code for code in self.roles.split(",") if code]

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating from 1 to 5")
    CHOICE = "choice", _("One choice")
    TEXT = "text", _("Free text")


class Question(VersionedModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    # The same key in two rounds is the same question: results are compared by it.
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    # One choice per line, for choice questions; the same number of lines in each language.
    choices = models.TextField(_("choices"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="question_unique_key"),
            models.CheckConstraint(condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]


class Participation(models.Model):
    """That a person answered a round: nothing about what they said, and no time."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="participation_once")]

    def __str__(self) -> str:
        return f"{self.round_id}"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    branch = models.ForeignKey(Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["round", "branch"])]

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=RATING_MAX),
                name="answer_rating_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class ActionKind(models.TextChoices):
    TRAINING = "training", _("Training assignment")
    POLICY_REVIEW = "policy_review", _("Policy review")
    PLAYBOOK = "playbook", _("Playbook change")


class SurveyAction(models.Model):
    """What a result led to: made through the training, policies or guidance app, and shown next round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("action"), max_length=16, choices=ActionKind.choices)
    note = models.CharField(_("what and why"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    assignment = models.ForeignKey(
        "training.Assignment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    policy_review = models.ForeignKey(
        "policies.PolicyReview", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    playbook = models.ForeignKey(
        "guidance.Playbook", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActionKind.values), name="surveyaction_kind_valid"),
            models.CheckConstraint(condition=~Q(note=""), name="surveyaction_has_note"),
        ]

    def __str__(self) -> str:
        return self.note


# Walk-throughs through the patron's eyes ---------------------------------------------------------------


class WalkArea(models.TextChoices):
    ENTRANCE = "entrance", _("Entrance and first impression")
    SIGNAGE = "signage", _("Signage and wayfinding")
    DESK = "desk", _("The desk")
    COMPUTERS = "computers", _("Computers")
    RESTROOMS = "restrooms", _("Restrooms")
    CHILDREN = "children", _("Children's and teen areas")
    NOISE_LIGHT = "noise_light", _("Noise and light")
    WEBSITE = "website", _("The website")
    PHONE = "phone", _("The phone greeting")


class WalkRating(models.IntegerChoices):
    """How the point looked to someone coming in as a patron; no rating means it was not checked."""

    POOR = 1, _("Needs action")
    FAIR = 2, _("Could be better")
    GOOD = 3, _("Good")


class CheckPoint(VersionedModel):
    """One point of the library's checklist for an area, written by the library (both languages)."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="walk_points")
    area = models.CharField(_("area"), max_length=16, choices=WalkArea.choices)
    # The same key in two walk-throughs is the same point: what changed is compared by it.
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    text = models.CharField(_("what to look at"), max_length=300)
    is_active = models.BooleanField(_("in the checklist"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("checklist point")
        verbose_name_plural = _("checklist points")
        constraints = [
            models.UniqueConstraint(fields=["system", "key"], name="checkpoint_unique_key"),
            models.CheckConstraint(condition=Q(area__in=WalkArea.values), name="checkpoint_area_valid"),
        ]

    def __str__(self) -> str:
        return self.text


class WalkThrough(VersionedModel):
    """One walk through a branch as a patron would see it, on a given day."""

    system = models.ForeignKey(LibrarySystem, on_delete=models.CASCADE, related_name="walk_throughs")
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="walk_throughs")
    walked_on = models.DateField(_("day of the walk-through"))
    walked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.TextField(_("overall impression"), blank=True, max_length=2000)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)

    class Meta:
        ordering = ["-walked_on", "-id"]
        verbose_name = _("walk-through")
        verbose_name_plural = _("walk-throughs")
        indexes = [models.Index(fields=["system", "branch", "walked_on"])]

    def __str__(self) -> str:
        return f"{self.branch_id} {self.walked_on}"


class PointRating(models.Model):
    walk = models.ForeignKey(WalkThrough, on_delete=models.CASCADE, related_name="ratings")
    point = models.ForeignKey(CheckPoint, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=WalkRating.choices, null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["walk", "point"], name="pointrating_once"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=3),
                name="pointrating_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point_id}: {self.rating}"


class WalkPhoto(models.Model):
    """A photo taken on the walk (of a sign, a space: never of a person), checked like any upload."""

    walk = models.ForeignKey(WalkThrough, on_delete=models.CASCADE, related_name="photos")
    point = models.ForeignKey(CheckPoint, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=random_upload_to("surveys/walks"))
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class WalkAction(VersionedModel):
    """What a finding leads to: one person owns it, with a due date, on their desk until done."""

    walk = models.ForeignKey(WalkThrough, on_delete=models.CASCADE, related_name="actions")
    point = models.ForeignKey(CheckPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.CharField(_("what is to be done"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="walk_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.CharField(_("what was done"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("walk-through action")
        verbose_name_plural = _("walk-through actions")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="walkaction_has_text")]
        indexes = [models.Index(fields=["owner", "done_on"])]

    def __str__(self) -> str:
        return self.text

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today
