"""The starter library, a year of practice by Riverbend's staff, two past group sessions, and assignments."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from . import engine
from .models import Assignment, GroupSession, GroupStep, Play, Scenario, ScenarioVersion, VersionStatus
from .scenario_format import parse_valid
from .selectors import home_branch_id
from .services import starter_files

PRACTISING_STAFF = [
    "frontline",
    "lone_worker",
    "supervisor",
    "cen_staff_2",
    "cen_staff_3",
    "eas_staff",
    "eas_staff_2",
    "nor_staff",
    "wil_staff",
    "har_staff",
    "pin_relief",
    "security_2",
]


def _moment(context, day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _library(context) -> dict[tuple[str, str], ScenarioVersion]:
    system, trainer = context.system, context.staff["trainer"]
    published_at = _moment(context, context.today - timedelta(days=400), 9)
    versions = {}
    for path in starter_files():
        text = path.read_text(encoding="utf-8")
        doc = parse_valid(text)
        scenario, _ = Scenario.objects.get_or_create(system=system, slug=doc.slug, language=doc.language)
        version, _ = ScenarioVersion.objects.get_or_create(
            scenario=scenario,
            number=1,
            defaults={
                "status": VersionStatus.PUBLISHED,
                "title": doc.title,
                "summary": doc.summary,
                "source": text,
                "step_count": len(doc.steps),
                "created_by": trainer,
                "published_at": published_at,
            },
        )
        versions[(doc.slug, doc.language)] = version
    return versions


def _walk(doc, rng: random.Random, skill_level: float) -> list[tuple[str, int]]:
    """A plausible path: better staff pick the strongest response more often."""
    path, step = [], doc.step(doc.start)
    while not step.is_ending and len(path) < 30:
        ranked = sorted(range(len(step.choices)), key=lambda i: -step.choices[i].score)
        index = ranked[0] if rng.random() < skill_level else rng.choice(ranked)
        path.append((step.id, index))
        step = doc.step(step.choices[index].next)
    return path


def load(context) -> None:
    versions = _library(context)
    system = context.system
    if Play.objects.filter(system=system).exists():
        return
    rng = random.Random(6)
    english = [v for (slug, language), v in sorted(versions.items()) if language == "en"]
    spanish = [v for (slug, language), v in sorted(versions.items()) if language == "es"]
    plays = []
    for key in PRACTISING_STAFF:
        user = context.staff[key]
        branch_id = home_branch_id(user)
        pool = english + (spanish if user.preferred_language == "es" else [])
        skill_level = 0.45
        for day_offset in sorted(rng.sample(range(5, 365), rng.randint(5, 12)), reverse=True):
            skill_level = min(0.95, skill_level + 0.06)  # people get better with practice
            version = rng.choice(pool)
            doc = engine.document(version.source)
            started = _moment(
                context,
                context.today - timedelta(days=day_offset),
                rng.randint(9, 16),
                rng.choice([0, 15, 30, 45]),
            )
            path = []
            for step_id, index in _walk(doc, rng, skill_level):
                choice, _next = engine.choose(doc, step_id=step_id, index=index)
                path.append(engine.path_entry(step_id=step_id, index=index, choice=choice))
            ending = doc.step(doc.step(path[-1]["step"]).choices[path[-1]["choice"]].next)
            score, max_score = engine.score_of(path)
            plays.append(
                Play(
                    system=system,
                    user=user,
                    branch_id=branch_id,
                    version=version,
                    current_step=ending.id,
                    path=path,
                    score=score,
                    max_score=max_score,
                    ending=ending.id,
                    outcome=ending.ending,
                    started_at=started,
                    finished_at=started + timedelta(minutes=rng.randint(6, 15)),
                )
            )
    Play.objects.bulk_create(plays)
    _sessions(context, versions, rng)
    _assignments(context, versions)


def _sessions(context, versions, rng) -> None:
    trainer = context.staff["trainer"]
    plans = [
        (
            "grumpy-turns-abusive",
            "CEN",
            120,
            ["frontline", "cen_staff_2", "cen_staff_3", "supervisor", "security_2"],
            [
                "Most of the group wanted to answer the printer complaint first; one person pointed out "
                "the grumbling was not yet a conduct issue.",
                "Agreed the fix for the money came before anything else.",
                "Long discussion: where exactly is the line between grumpy and abusive? The group "
                "settled on personal insults aimed at staff.",
                "Practised saying the consequence out loud in pairs.",
                "Several people admitted they would have said nothing.",
                "Everyone agreed to write incidents up the same day.",
            ],
            "The team practised telling grumpy from abusive. Agreed wording for the first warning and "
            "that a second insult means leaving for the day. Follow-up: add the wording to the desk guide.",
        ),
        (
            "unattended-child-at-closing",
            "EAS",
            45,
            ["eas_staff", "eas_staff_2", "supervisor"],
            [
                "Everyone chose to stay with the child; discussed crouching to eye level.",
                "Practised a calm voicemail message.",
                "Discussed what to say instead of 'don't cry'.",
                "The group did not know the policy requires two staff; now they do.",
                "Talked through when to call the non-emergency line: thirty minutes after closing.",
                "Agreed to keep the closing-times card at the desk.",
            ],
            "East staff walked through the unattended-child policy. Gap found: the two-staff rule was "
            "not known. Follow-up: supervisor to add it to the closing checklist.",
        ),
    ]
    for slug, branch_code, days_ago, attendee_keys, notes, summary in plans:
        version = versions[(slug, "en")]
        doc = engine.document(version.source)
        started = _moment(context, context.today - timedelta(days=days_ago), 10)
        best = engine.best_path(doc)
        last_step, last_index = best[-1]
        ending = doc.step(last_step.choices[last_index].next)
        session = GroupSession.objects.create(
            system=context.system,
            version=version,
            branch=context.branches[branch_code],
            facilitator=trainer,
            current_step=ending.id,
            started_at=started,
            finished_at=started + timedelta(minutes=50),
            ending=ending.id,
            summary=summary,
        )
        session.attendees.set([context.staff[key] for key in attendee_keys])
        GroupStep.objects.bulk_create(
            [
                GroupStep(
                    session=session,
                    position=position,
                    step_id=step.id,
                    choice=index,
                    notes=notes[position - 1] if position <= len(notes) else "",
                )
                for position, (step, index) in enumerate(best, start=1)
            ]
        )


def _assignments(context, versions) -> None:
    trainer = context.staff["trainer"]
    now = _moment(context, context.today - timedelta(days=30), 9)
    for key, slug, due_in in [
        ("frontline", "someone-in-crisis", 14),
        ("lone_worker", "threat-to-staff-alone", -5),
        ("nor_staff", "sleeping-in-the-library", -2),
        ("cen_staff_2", "accused-of-stealing", 7),
        ("har_staff", "another-language", 21),
    ]:
        Assignment.objects.get_or_create(
            system=context.system,
            assignee=context.staff[key],
            scenario=versions[(slug, "en")].scenario,
            defaults={
                "due_date": context.today + timedelta(days=due_in),
                "assigned_by": trainer,
                "assigned_at": now,
            },
        )
