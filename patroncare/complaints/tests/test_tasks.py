from datetime import timedelta

from django.utils import timezone

from patroncare.complaints.tasks import notify_deadlines

from .factories import ComplaintFactory


def test_the_scheduled_job_is_a_plain_callable_returning_counts(world, sent):
    past = timezone.now() - timedelta(hours=2)
    owner = world.users["supervisor"]
    ComplaintFactory(branch=world.branch, owner=owner, acknowledge_due_at=past)
    ComplaintFactory(branch=world.branch, owner=owner, respond_due_at=past, acknowledged_at=past)
    with sent():
        assert notify_deadlines() == {"soon": 0, "passed": 2}
    with sent():
        assert notify_deadlines() == {"soon": 0, "passed": 0}


def test_overdue_state_is_not_stored_by_the_job(world):
    case = ComplaintFactory(
        branch=world.branch,
        owner=world.users["supervisor"],
        acknowledge_due_at=timezone.now() - timedelta(hours=1),
    )
    notify_deadlines()
    case.refresh_from_db()
    assert (case.status, case.version) == ("new", 1)
