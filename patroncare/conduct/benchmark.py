"""Exclusions at the scale of a busy system: about three in ten dangerous incidents lead to a suspension."""

import random
from datetime import timedelta

from patroncare.incidents.models import Incident, InvolvementRole, Level
from patroncare.rulebook.models import Outcome

from .models import Exclusion


def generate(context, scale):
    system = context.system
    if Exclusion.objects.filter(system=system, issued_by=context.staff["supervisor"]).count() > 100:
        return
    rng = random.Random(13)
    dangerous = (
        Incident.objects.filter(
            system=system, level=Level.DANGEROUS, involvements__role=InvolvementRole.SUBJECT
        )
        .values_list("occurred_at", "involvements__person_id")
        .order_by("pk")
    )
    Exclusion.objects.bulk_create(
        (
            Exclusion(
                system=system,
                person_id=person_id,
                outcome=Outcome.SUSPENSION,
                start_date=occurred_at.date(),
                end_date=occurred_at.date() + timedelta(days=29),
                issued_by=context.staff["supervisor"],
                issued_at=occurred_at,
            )
            for occurred_at, person_id in dangerous.iterator()
            if rng.random() < 0.3
        ),
        batch_size=2000,
    )


def pages(context):
    frontline, admin = context.staff["frontline"], context.staff["administrator"]
    return [
        ("exclusions board (front-line)", "/conduct/", frontline),
        ("exclusions list", "/conduct/exclusions/", admin),
        ("periodic review", "/conduct/review/", admin),
    ]
