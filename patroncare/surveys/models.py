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


class Question(models.Model):
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
