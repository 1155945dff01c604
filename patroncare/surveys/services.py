"""Writes of the staff survey. An answer is stored with no link to the person who gave it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.libraries.calendar import today_in

from . import events, notices
from .content import STARTER
from .models import RATING_MAX, Answer, Participation, Question, QuestionKind, Response, Round
from .permissions import can_run_surveys, is_asked


@transaction.atomic
def round_start(
    *, actor, title_en: str, title_es: str, opens_on: date, closes_on: date, branches, roles: list[str]
) -> Round:
    """A new round from the starter questions, or from the previous round's when there is one."""
    refuse_unless(can_run_surveys(actor), _("Only administrators run staff surveys."))
    system = actor.library_system
    round_ = Round(
        system=system,
        title_en=title_en,
        title_es=title_es,
        opens_on=opens_on,
        closes_on=closes_on,
        roles=",".join(sorted(set(roles))),
    )
    round_.full_clean()
    round_.save()
    round_.branches.set([b for b in branches if b.system_id == system.pk])
    previous = Round.objects.filter(system=system).exclude(pk=round_.pk).order_by("-opens_on", "-id").first()
    if previous is not None and previous.questions.exists():
        source = [
            (q.key, q.kind, q.text_en, q.text_es, q.choices_en, q.choices_es)
            for q in previous.questions.all()
        ]
    else:
        source = STARTER
    for order, (key, kind, text_en, text_es, choices_en, choices_es) in enumerate(source, start=1):
        question = Question(
            round=round_,
            key=key,
            kind=kind,
            order=order * 10,
            text_en=text_en,
            text_es=text_es,
            choices_en=choices_en,
            choices_es=choices_es,
        )
        question.full_clean()
        question.save()
    events.round_started(actor=actor, round_=round_)
    notices.round_open_tell(round_)  # a round that opens later is told by the hourly job
    return round_


@transaction.atomic
def round_answer(*, actor, round_: Round, branch, answers: dict[int, object]) -> None:
    """Store one person's answers, once; `answers` maps question ids to a rating, a choice index or text."""
    branch_ids = [b.pk for b in round_.branches.all()]
    refuse_unless(
        round_.system_id == actor.library_system_id and is_asked(actor, round_, branch_ids),
        _("This survey is not for you."),
    )
    refuse_unless(round_.is_open(today_in(round_.system)), _("This survey is closed."))
    refuse_unless(branch is not None and branch.pk in branch_ids, _("Choose one of the survey's branches."))
    try:
        with transaction.atomic():
            Participation.objects.create(round=round_, user=actor)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey. Thank you.")) from None
    response = Response.objects.create(round=round_, branch=branch)
    for question in round_.questions.all():
        value = answers.get(question.pk)
        if value in (None, ""):
            continue
        answer = Answer(response=response, question=question)
        if question.kind == QuestionKind.RATING:
            answer.rating = int(value)
            if not 1 <= answer.rating <= RATING_MAX:
                raise ValidationError(_("Ratings go from 1 to 5."))
        elif question.kind == QuestionKind.CHOICE:
            answer.choice = int(value)
            if not 0 <= answer.choice < len(question.choice_list):
                raise ValidationError(_("Choose one of the answers offered."))
        else:
            answer.text = str(value).strip()[:2000]
        answer.full_clean()
        answer.save()
    notices.round_answered(user=actor, round_=round_)


@transaction.atomic
def action_create(
    *,
    actor,
    round_: Round,
    kind: str,
    note: str,
    question=None,
    policy=None,
    playbook=None,
    scenario=None,
    assignee=None,
    due_date=None,
):
    """From a result: a training assignment, a policy review or a playbook change, made by its own app."""
    from django.utils import timezone

    from patroncare.policies.models import ReviewTrigger
    from patroncare.policies.services import policy_review_request
    from patroncare.training.services import assignment_create

    from .models import ActionKind, SurveyAction
    from .permissions import can_read_results

    system_id = actor.library_system_id
    refuse_unless(
        can_read_results(actor) and round_.system_id == system_id,
        _("Only supervisors and administrators act on survey results."),
    )
    if not note.strip():
        raise ValidationError({"note": _("Say in a few words what is to be done and why.")})
    action = SurveyAction(
        round=round_,
        question=question,
        kind=kind,
        note=note.strip(),
        created_by=actor,
        created_at=timezone.now(),
    )
    label = _("Staff survey “%(title)s”") % {"title": round_.title}
    if kind == ActionKind.POLICY_REVIEW:
        if policy is None or policy.system_id != system_id:
            raise ValidationError({"policy": _("Choose the policy to review.")})
        action.policy_review = policy_review_request(
            policy=policy, reason=note.strip(), source_label=label, actor=actor, trigger=ReviewTrigger.REQUEST
        )
    elif kind == ActionKind.TRAINING:
        if scenario is None or assignee is None or due_date is None:
            raise ValidationError(_("Choose the scenario, the person and the due date."))
        action.assignment = assignment_create(
            actor=actor, assignee=assignee, scenario=scenario, due_date=due_date
        )
    elif kind == ActionKind.PLAYBOOK:
        if playbook is None or playbook.system_id != system_id:
            raise ValidationError({"playbook": _("Choose the playbook to change.")})
        action.playbook = playbook
    action.full_clean()
    action.save()
    return action
