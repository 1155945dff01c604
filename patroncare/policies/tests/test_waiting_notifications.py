"""An exception to a firm policy waits for the supervisors of its branch; deciding it clears it."""

import pytest

from patroncare.notifications.models import Notification
from patroncare.policies import services
from patroncare.policies.models import EntryKind, Flexibility
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

ASK = {
    "asked": "Thirty more minutes on the computer.",
    "granted": "Thirty minutes.",
    "reason": "Finishing a job application.",
    "told_patron": "Said it was a one-off exception.",
}


def test_an_exception_to_approve_waits_for_the_branch_supervisors_and_deciding_clears_it(world, sent):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIRM)
    with sent():
        entry = services.exception_record(
            actor=world.users["frontline"],
            branch=world.branch,
            policy=policy,
            kind=EntryKind.EXCEPTION,
            **ASK,
        )
    waiting = Notification.objects.filter(kind="policies.exception_to_approve")
    assert sorted(waiting.values_list("user__email", flat=True)) == sorted(
        [world.users["supervisor"].email, world.users["administrator"].email]
    )  # not the frontline who asked, not the other branch's supervisor, nobody of another system
    assert all(n.url.endswith(f"/policies/exceptions/{entry.pk}/") for n in waiting)
    assert all("Millbrook" in n.line for n in waiting)
    services.exception_decide(actor=world.users["supervisor"], entry=entry, approve=True)
    assert waiting.filter(read_at__isnull=True).count() == 0
    assert waiting.filter(cleared_by_action=True).count() == 2


def test_a_supervisor_granting_at_the_desk_tells_no_one(world, sent):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIRM)
    with sent():
        services.exception_record(
            actor=world.users["supervisor"],
            branch=world.branch,
            policy=policy,
            kind=EntryKind.EXCEPTION,
            **ASK,
        )
    assert not Notification.objects.filter(kind="policies.exception_to_approve").exists()
