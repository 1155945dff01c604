"""Riverbend's staff survey: a spring and an autumn round with results (anonymous, from a fixed seed), an
action taken after spring, and a winter round open now."""

import random
from datetime import timedelta

from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.guidance.models import Playbook

from .models import ActionKind, Answer, Participation, QuestionKind, Response, Round, SurveyAction
from .services import round_start

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
