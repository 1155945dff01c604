import factory
from django.utils import timezone

from patroncare.training.models import Assignment, Play, Scenario, ScenarioVersion, VersionStatus
from patroncare.training.scenario_format import export, parse

# A small scenario with two endings: "open" -> "middle" -> good or poor; "middle" can loop back to "open".
SMALL = """format = "patroncare-scenario/1"
slug = "small-test"
language = "en"
title = "A small test scenario"
summary = "Two steps and two endings."
start = "open"

[[step]]
id = "open"
setting = "The desk."
patron = "Calm."
says = "Hello."

[[step.choice]]
text = "Greet them."
next = "middle"
skill = "listen"
score = 2
feedback = "Listen: you greeted them."

[[step.choice]]
text = "Ignore them."
next = "middle"
skill = "feelings_first"
score = 0
feedback = "Feelings first is missed."

[[step]]
id = "middle"
says = "I need help."

[[step.choice]]
text = "Help."
next = "good"
skill = "assist"
score = 2
feedback = "Assist: you helped."

[[step.choice]]
text = "Start over."
next = "open"
skill = "listen"
score = 1
feedback = "Partly Listen."

[[step.choice]]
text = "Refuse."
next = "poor"
skill = "assist"
score = 0
feedback = "Assist is missed."

[[step]]
id = "good"
ending = "good"
says = "They leave happy."

[[step]]
id = "poor"
ending = "poor"
says = "They leave upset."
"""


def small_text(**changes) -> str:
    doc = parse(SMALL)
    for key, value in changes.items():
        setattr(doc, key, value)
    return export(doc)


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    slug = factory.Sequence(lambda n: f"scenario-{n}")
    language = "en"


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScenarioVersion

    scenario = factory.SubFactory(ScenarioFactory)
    number = 1
    status = VersionStatus.PUBLISHED
    title = "A small test scenario"
    published_at = factory.LazyFunction(timezone.now)
    step_count = 4
    source = factory.LazyAttribute(lambda o: small_text(slug=o.scenario.slug, language=o.scenario.language))


class PlayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Play

    system = factory.LazyAttribute(lambda o: o.user.library_system)
    version = factory.SubFactory(VersionFactory)
    current_step = "good"
    path = factory.LazyFunction(
        lambda: [
            {"step": "open", "choice": 0, "score": 2, "skill": "listen"},
            {"step": "middle", "choice": 0, "score": 2, "skill": "assist"},
        ]
    )
    score = 4
    max_score = 4
    ending = "good"
    outcome = "good"
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    system = factory.LazyAttribute(lambda o: o.assignee.library_system)
    scenario = factory.SubFactory(ScenarioFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate())
    assigned_at = factory.LazyFunction(timezone.now)
