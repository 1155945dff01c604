"""Staff at the scale of a large system: 400 members with one to three roles each at scale 1."""

import random

from .models import Role, RoleAssignment, User

STAFF_PER_SCALE = 400


def generate(context, scale):
    system = context.system
    branches = list(context.branches.values())
    rng = random.Random(11)
    for index in range(STAFF_PER_SCALE * scale):
        email = f"bench.staff{index}@riverbend.example"
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": f"Bench Staff {index:04d}", "library_system": system}
        )
        if created:
            for role in rng.sample(
                [Role.FRONTLINE, Role.SUPERVISOR, Role.TRAINER, Role.SECURITY], rng.randint(1, 3)
            ):
                RoleAssignment.objects.create(user=user, role=role, branch=rng.choice(branches))


def pages(context):
    admin = context.staff["administrator"]
    return [
        ("staff list, first page", "/staff/", admin),
        ("staff list, filtered by role", f"/staff/?role={Role.SUPERVISOR}", admin),
        ("staff list, search", "/staff/?q=bench", admin),
        ("desk, administrator", "/desk/", admin),
        ("desk, front-line", "/desk/", context.staff["frontline"]),
        ("branch list", "/settings/branches/", admin),
    ]
