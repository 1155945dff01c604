"""Complaints at scale: about 5,000 cases at scale 1 (a busy year of a mid-sized system)."""

import random
from datetime import timedelta

from django.utils import timezone

from .models import Category, Complaint
from .services.configuration import categories_install_defaults

CASES_PER_SCALE = 5_000
WORDS = [
    "fine",
    "printer",
    "rude",
    "waited",
    "alarm",
    "hold",
    "computer",
    "restroom",
    "parking",
    "children",
    "accused",
    "change",
    "card",
    "website",
    "hours",
    "noise",
    "staff",
    "desk",
    "room",
    "renewal",
]


def generate(context, scale):
    system = context.system
    wanted = CASES_PER_SCALE * scale
    existing = Complaint.objects.filter(system=system, reference__startswith="BN").count()
    if existing >= wanted:
        return
    categories_install_defaults(system=system)
    categories = list(Category.objects.filter(system=system))
    branches = list(context.branches.values())
    owners = [context.staff[key] for key in ("supervisor", "nor_supervisor", "har_supervisor", "director")]
    rng = random.Random(11)
    now = timezone.now()
    batch = []
    for n in range(existing, wanted):
        received = now - timedelta(days=rng.uniform(0, 365))
        closed = received < now - timedelta(days=30)
        batch.append(
            Complaint(
                system=system,
                branch=rng.choice(branches),
                reference=f"BN{n:06d}",
                kind="complaint",
                channel=rng.choice(["desk", "web", "phone", "email"]),
                category=rng.choice(categories),
                severity=rng.choice(["minor", "moderate", "serious", "critical"]),
                status="closed" if closed else rng.choice(["new", "acknowledged", "responded"]),
                judgement="one_off" if closed else "",
                closed_at=received + timedelta(days=20) if closed else None,
                narrative=" ".join(rng.choice(WORDS) for _ in range(30)),
                owner=rng.choice(owners),
                received_at=received,
                acknowledge_due_at=received + timedelta(days=7),
                respond_due_at=received + timedelta(days=14),
            )
        )
        if len(batch) == 2000:
            Complaint.objects.bulk_create(batch)
            batch.clear()
    Complaint.objects.bulk_create(batch)


def pages(context):
    supervisor, director = context.staff["supervisor"], context.staff["director"]
    return [
        ("complaints, first page (supervisor)", "/complaints/", supervisor),
        ("complaints, all branches (director)", "/complaints/", director),
        ("complaints, overdue only", "/complaints/?overdue=on", director),
        ("complaints, search", "/complaints/?q=printer", director),
        ("complaints, page 20", "/complaints/?page=20", director),
        ("complaint patterns", "/complaints/patterns/", director),
        ("desk with complaints sections", "/desk/", director),
    ]
