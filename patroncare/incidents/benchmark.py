"""Incidents at the scale of a busy system: about 5,000 a year at scale 1, with some exclusions."""

import random
from datetime import datetime, time, timedelta

from patroncare.patrons.models import Person

from .models import (
    Behaviour,
    Incident,
    IncidentBehaviour,
    Involvement,
    InvolvementRole,
    level_of,
)

INCIDENTS_PER_SCALE = 5_000
BEHAVIOURS = [b.value for b in Behaviour]


def generate(context, scale):
    system = context.system
    wanted = INCIDENTS_PER_SCALE * scale
    existing = Incident.objects.filter(system=system).count()
    if existing >= wanted:
        return
    rng = random.Random(11)
    branches = list(context.branches.values())
    reporters = [
        context.staff[key] for key in ("frontline", "cen_staff_2", "eas_staff", "nor_staff", "har_staff")
    ]
    people = Person.objects.bulk_create(
        Person(system=system, card_number=f"29{n:09d}", description="Generated for the benchmark")
        for n in range(existing, existing + wanted // 10)
    )
    for start in range(0, wanted - existing, 2000):
        count = min(2000, wanted - existing - start)
        picks = [rng.sample(BEHAVIOURS, rng.randint(1, 2)) for _ in range(count)]
        incidents = Incident.objects.bulk_create(
            Incident(
                system=system,
                branch=rng.choice(branches),
                occurred_at=datetime.combine(
                    context.today - timedelta(days=rng.randint(1, 365)),
                    time(rng.randint(9, 20)),
                    tzinfo=system.zone,
                ),
                level=level_of(behaviours),
                summary="Generated incident",
                narrative="Generated for the benchmark.",
                reported_by=rng.choice(reporters),
            )
            for behaviours in picks
        )
        IncidentBehaviour.objects.bulk_create(
            IncidentBehaviour(incident=incident, behaviour=b)
            for incident, bs in zip(incidents, picks, strict=True)
            for b in bs
        )
        Involvement.objects.bulk_create(
            Involvement(incident=incident, role=InvolvementRole.SUBJECT, person=rng.choice(people))
            for incident in incidents
        )


def pages(context):
    supervisor = context.staff["supervisor"]
    admin = context.staff["administrator"]
    return [
        ("incidents, first page", "/incidents/", supervisor),
        ("incidents, dangerous only", "/incidents/?level=dangerous", supervisor),
        ("incident patterns, a year", "/incidents/patterns/", admin),
    ]
