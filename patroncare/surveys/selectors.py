"""Reads of survey rounds and their results. Results are aggregates from the database, shown only for
groups of at least MIN_GROUP responses."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404

from patroncare.libraries.calendar import today_in

from .models import MIN_GROUP, Answer, Participation, Question, QuestionKind, Response, Round
from .permissions import is_asked


def rounds(*, user) -> QuerySet:
    return Round.objects.filter(system_id=user.library_system_id).prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
    )


def round_get(*, user, pk: int) -> Round:
    found = rounds(user=user).filter(pk=pk).prefetch_related("branches").first()
    if found is None:
        raise Http404
    return found


def question_get(*, user, pk: int) -> Question:
    found = (
        Question.objects.filter(pk=pk, round__system_id=user.library_system_id)
        .select_related("round__system")
        .first()
    )
    if found is None:
        raise Http404
    return found


def asked_branches(*, user, round_: Round) -> list:
    return [b for b in round_.branches.all() if is_asked(user, round_, [b.pk])]


def open_rounds_for(*, user) -> list[Round]:
    """Open rounds that go to this person and that they have not answered yet."""
    today = today_in(user.library_system)
    answered = set(Participation.objects.filter(user=user).values_list("round_id", flat=True))
    candidates = (
        rounds(user=user).filter(opens_on__lte=today, closes_on__gte=today).prefetch_related("branches")
    )
    return [r for r in candidates if r.pk not in answered and asked_branches(user=user, round_=r)]


def has_answered(*, user, round_: Round) -> bool:
    return Participation.objects.filter(user=user, round=round_).exists()


def previous_round(*, round_: Round) -> Round | None:
    return (
        Round.objects.filter(system_id=round_.system_id, opens_on__lt=round_.opens_on)
        .order_by("-opens_on", "-id")
        .first()
    )


@dataclass
class QuestionResult:
    question: Question
    count: int
    average: float | None = None
    previous_average: float | None = None
    choices: list[tuple[str, int]] | None = None
    texts: list[str] | None = None

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return round(self.average - self.previous_average, 2)


@dataclass
class Results:
    round: Round
    responses: int
    shown: bool
    questions: list[QuestionResult]
    by_branch: list[tuple[str, int, bool]]  # branch name, responses, shown
    previous: Round | None


def _rating_averages(round_: Round, branch_id=None) -> dict[str, tuple[int, float | None]]:
    answers = Answer.objects.filter(response__round=round_, question__kind=QuestionKind.RATING)
    if branch_id is not None:
        answers = answers.filter(response__branch_id=branch_id)
    rows = answers.values("question__key").annotate(count=Count("id"), average=Avg("rating"))
    return {row["question__key"]: (row["count"], row["average"]) for row in rows}


def results(*, round_: Round, branch_id: int | None = None) -> Results:
    """The round's results, overall or for one branch; nothing at all below MIN_GROUP responses."""
    responses = Response.objects.filter(round=round_)
    if branch_id is not None:
        responses = responses.filter(branch_id=branch_id)
    count = responses.count()
    by_branch = [
        (row["branch__name"] or "—", row["count"], row["count"] >= MIN_GROUP)
        for row in Response.objects.filter(round=round_)
        .values("branch__name")
        .annotate(count=Count("id"))
        .order_by("branch__name")
    ]
    previous = previous_round(round_=round_)
    if count < MIN_GROUP:
        return Results(round_, count, False, [], by_branch, previous)
    averages = _rating_averages(round_, branch_id)
    previous_averages = {}
    if previous is not None and Response.objects.filter(round=previous).count() >= MIN_GROUP:
        previous_averages = _rating_averages(previous, branch_id)
    answers = Answer.objects.filter(response__in=responses)
    choice_counts = {
        (row["question_id"], row["choice"]): row["count"]
        for row in answers.filter(choice__isnull=False)
        .values("question_id", "choice")
        .annotate(count=Count("id"))
    }
    texts: dict[int, list[str]] = {}
    # Ordered by the answer's random id: the order says nothing about who wrote what, or when.
    for answer in answers.filter(~Q(text="")).order_by("id").values("question_id", "text"):
        texts.setdefault(answer["question_id"], []).append(answer["text"])
    questions = []
    for question in round_.questions.all():
        if question.kind == QuestionKind.RATING:
            answered, average = averages.get(question.key, (0, None))
            previous_average = previous_averages.get(question.key, (0, None))[1]
            questions.append(
                QuestionResult(
                    question,
                    answered,
                    round(average, 2) if average is not None else None,
                    round(previous_average, 2) if previous_average is not None else None,
                )
            )
        elif question.kind == QuestionKind.CHOICE:
            counts = [
                (label, choice_counts.get((question.pk, index), 0))
                for index, label in enumerate(question.choice_list)
            ]
            questions.append(QuestionResult(question, sum(c for _l, c in counts), choices=counts))
        else:
            listed = texts.get(question.pk, [])
            questions.append(QuestionResult(question, len(listed), texts=listed))
    return Results(round_, count, True, questions, by_branch, previous)


@dataclass
class ActionState:
    action: object
    done: str  # what has happened since, in words


def actions_with_state(*, round_: Round | None) -> list[ActionState]:
    """The actions taken on a round's results, and what has happened since (three queries)."""
    if round_ is None:
        return []
    from django.utils.translation import gettext as _

    from patroncare.guidance.models import PlaybookRevision

    from .models import ActionKind, SurveyAction

    actions = list(
        SurveyAction.objects.filter(round=round_)
        .select_related("question", "policy_review__policy", "assignment__scenario", "playbook")
        .order_by("created_at", "id")
    )
    playbook_ids = [a.playbook_id for a in actions if a.playbook_id]
    revisions = list(
        PlaybookRevision.objects.filter(playbook_id__in=playbook_ids).values_list("playbook_id", "edited_at")
    )
    states = []
    for action in actions:
        if action.kind == ActionKind.POLICY_REVIEW and action.policy_review:
            done = _("Review of “%(policy)s”: %(status)s") % {
                "policy": action.policy_review.policy.title,
                "status": action.policy_review.get_status_display(),
            }
        elif action.kind == ActionKind.TRAINING and action.assignment:
            done = _("Practice “%(scenario)s” assigned, due %(day)s") % {
                "scenario": action.assignment.scenario,
                "day": action.assignment.due_date.isoformat(),
            }
        elif action.kind == ActionKind.PLAYBOOK and action.playbook:
            count = sum(1 for pid, at in revisions if pid == action.playbook_id and at >= action.created_at)
            done = _("Playbook “%(playbook)s”: %(count)s edits since") % {
                "playbook": action.playbook.slug,
                "count": count,
            }
        else:
            done = _("The linked record no longer exists")
        states.append(ActionState(action, done))
    return states
