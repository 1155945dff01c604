"""Riverbend's staff survey: a spring and an autumn round with results (anonymous, from a fixed seed), an
action taken after spring, and a winter round open now. Walk-throughs: the starter checklist, and two walks
of the East Side branch five months apart, with the actions the first one led to and what changed since."""

import random
from datetime import timedelta

from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.guidance.models import Playbook

from .models import (
    ActionKind,
    Answer,
    CheckPoint,
    Participation,
    QuestionKind,
    Response,
    Round,
    SurveyAction,
    WalkAction,
    WalkThrough,
)
from .services import round_start
from .walk_services import checklist_start, walk_action_create, walk_record_area, walk_start

ROUNDS = [
    ("Spring staff survey", "Encuesta al personal de primavera", 260, 246, 2.6),
    ("Autumn staff survey", "Encuesta al personal de otoño", 80, 66, 3.3),
    ("Winter staff survey", "Encuesta al personal de invierno", 3, -11, None),
]
CHANGES = [
    ("A second person at the desk in the evenings", "Una segunda persona en el mostrador por la tarde"),
    (
        "Clear words for when tech help is beyond us",
        "Frases claras para cuando la ayuda tecnológica nos supera",
    ),
    ("Practice on setting boundaries", "Práctica para poner límites"),
    (
        "Everyone reading the computer-time policy the same way",
        "Que todos lean igual la política de uso de computadoras",
    ),
]


def load(context) -> None:
    _load_rounds(context)
    _load_walks(context)


def _load_rounds(context) -> None:
    system = context.system
    admin = context.staff["administrator"]
    if Round.objects.filter(system=system).exists():
        return
    rng = random.Random(1414)  # noqa: S311 - fixed demo history, not security
    branches = list(context.branches.values())
    staff = [user for key, user in context.staff.items() if user.library_system_id == system.pk]
    previous = None
    for title_en, title_es, opened_ago, closed_ago, mean in ROUNDS:
        round_ = round_start(
            actor=admin,
            title_en=title_en,
            title_es=title_es,
            opens_on=context.today - timedelta(days=opened_ago),
            closes_on=context.today - timedelta(days=closed_ago),
            branches=branches,
            roles=[Role.FRONTLINE, Role.SUPERVISOR, Role.SECURITY],
        )
        if mean is None:
            continue
        answering = rng.sample(staff, min(len(staff), 14))
        Participation.objects.bulk_create([Participation(round=round_, user=user) for user in answering])
        questions = list(round_.questions.all())
        for _person in answering:
            response = Response.objects.create(round=round_, branch=rng.choice(branches[:3]))
            for question in questions:
                if question.kind == QuestionKind.RATING:
                    value = round(rng.gauss(mean + (0.6 if question.key == "safety" else 0), 0.9))
                    Answer.objects.create(response=response, question=question, rating=min(5, max(1, value)))
                elif question.kind == QuestionKind.CHOICE:
                    choice = rng.choice([0, 0, 1, 1, 2, 3, 4, 5])
                    Answer.objects.create(response=response, question=question, choice=choice)
                elif rng.random() < 0.4:
                    Answer.objects.create(response=response, question=question, text=rng.choice(CHANGES)[0])
        if previous is None:
            SurveyAction.objects.create(
                round=round_,
                question=round_.questions.get(key="boundaries"),
                kind=ActionKind.PLAYBOOK,
                note="Add words for setting boundaries to the angry-patron playbook",
                created_by=admin,
                created_at=timezone.now() - timedelta(days=240),
                playbook=Playbook.objects.filter(system=system, slug="angry-patron").first(),
            )
        previous = round_


# (point key, rating 1-3 in the first walk, in the second, note of the second walk)
WALK_RATINGS = [
    ("entrance-welcome", 2, 3, "Leaves swept, new bench by the door."),
    ("entrance-hours", 1, 3, "New sign at the door, readable from the car park."),
    ("entrance-access", 3, 3, ""),
    ("signage-find", 2, 2, "Restrooms still hard to find from the entrance."),
    ("signage-tone", 1, 2, "Three 'No food' signs replaced; the one in the teen corner is still there."),
    ("signage-languages", 1, 1, "The restroom sign is still English only."),
    ("desk-greeted", 3, 3, "Greeted within seconds both times."),
    ("desk-approachable", 2, 3, ""),
    ("desk-privacy", 2, 2, ""),
    ("computers-working", 2, 1, "Two computers out of order with no sign on them."),
    ("computers-help", 2, 2, ""),
    ("restrooms-clean", 2, 3, ""),
    ("children-safe", 3, 3, ""),
    ("children-teens", 2, 2, ""),
    ("noise-quiet", 2, 2, ""),
    ("light-even", 1, 3, "The flickering light over the study tables was fixed."),
    ("website-hours", 3, 3, ""),
    ("website-phone", 2, 2, "The branch page is still in English only."),
    ("phone-answered", 2, 3, "Answered on the second ring."),
    ("phone-greeting", 2, 3, ""),
]
FIRST_ACTIONS = [
    (
        "entrance-hours",
        "Replace the faded opening-hours sign at the door",
        "eas_staff",
        30,
        22,
        "New sign ordered and put up",
    ),
    (
        "light-even",
        "Ask facilities to fix the flickering light over the study tables",
        "supervisor",
        21,
        15,
        "Fixed by facilities",
    ),
    ("signage-languages", "Put a Spanish version on the restroom sign", "eas_staff_2", 45, None, ""),
]


def _load_walks(context) -> None:
    system, admin = context.system, context.staff["administrator"]
    if WalkThrough.objects.filter(system=system).exists():
        return
    checklist_start(actor=admin, system=system)
    branch, supervisor = context.branches["EAS"], context.staff["supervisor"]
    points = {p.key: p for p in CheckPoint.objects.filter(system=system)}
    first = walk_start(actor=supervisor, branch=branch, walked_on=context.today - timedelta(days=150))
    second = walk_start(actor=supervisor, branch=branch, walked_on=context.today - timedelta(days=5))
    for walk, column in ((first, 1), (second, 2)):
        for area in sorted({points[key].area for key, *_rest in WALK_RATINGS}):
            ratings = {
                points[row[0]]: (row[column], row[3] if column == 2 else "")
                for row in WALK_RATINGS
                if points[row[0]].area == area
            }
            walk.refresh_from_db()
            walk_record_area(
                actor=supervisor, walk=walk, expected_version=walk.version, area=area, ratings=ratings
            )
    WalkThrough.objects.filter(pk=first.pk).update(
        finished_on=first.walked_on,
        summary="Friendly desk; the signs at the entrance talk mostly about rules.",
    )
    now = timezone.now()
    for key, text, owner, due_after, done_after, done_note in FIRST_ACTIONS:
        WalkAction.objects.create(
            walk=first,
            point=points[key],
            text=text,
            owner=context.staff[owner],
            due_on=first.walked_on + timedelta(days=due_after),
            done_on=first.walked_on + timedelta(days=done_after) if done_after else None,
            done_note=done_note,
            created_by=supervisor,
            created_at=now - timedelta(days=150),
        )
    second.refresh_from_db()
    walk_action_create(
        actor=supervisor,
        walk=second,
        point=points["computers-working"],
        text="Put an out-of-order sign on broken computers the same day, and log them for IT",
        owner=context.staff["eas_staff"],
        due_on=context.today + timedelta(days=14),
    )
