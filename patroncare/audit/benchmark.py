"""A year of audit events for a mid-sized system: about 200,000 lines at scale 1."""

import random

from .models import AuditAction, AuditEvent

EVENTS_PER_SCALE = 200_000


def generate(context, scale):
    system = context.system
    wanted = EVENTS_PER_SCALE * scale
    existing = AuditEvent.objects.filter(library_system=system).count()
    if existing >= wanted:
        return
    rng = random.Random(7)
    staff = list(context.staff.values())
    # (action, event code): mostly reads, some changes and sign-ins, as a real trail has.
    kinds = [(AuditAction.VIEW, "audit.record_viewed")] * 8 + [
        (AuditAction.UPDATE, "libraries.branch_changed"),
        (AuditAction.SIGN_IN, "accounts.signed_in"),
    ]
    batch = []
    for _ in range(wanted - existing):
        actor = rng.choice(staff)
        action, event = rng.choice(kinds)
        batch.append(
            AuditEvent(
                library_system=system,
                actor=actor,
                actor_label=actor.email,
                action=action,
                event=event,
                object_type="libraries.branch",
                object_id=str(rng.randint(1, 6)),
                ip_address=f"10.0.{rng.randint(0, 20)}.{rng.randint(1, 250)}",
            )
        )
        if len(batch) == 5000:
            _flush(batch)
    _flush(batch)


def _flush(batch):
    AuditEvent.objects.bulk_create(batch)
    batch.clear()


def pages(context):
    admin = context.staff["administrator"]
    return [
        ("audit trail, first page", "/audit/", admin),
        ("audit trail, filtered by person", f"/audit/?who={context.staff['frontline'].pk}", admin),
        ("audit trail, filtered by action", "/audit/?action=update", admin),
        ("audit trail, page 50", "/audit/?page=50", admin),
    ]
