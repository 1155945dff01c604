from datetime import timedelta

from django.core import mail
from django.utils import timezone

from patroncare.complaints.tasks import notify_overdue_complaints

from .factories import ComplaintFactory


def test_each_owner_gets_one_message_listing_their_overdue_cases(world):
    past = timezone.now() - timedelta(hours=2)
    owner = world.users["supervisor"]
    first = ComplaintFactory(branch=world.branch, owner=owner, acknowledge_due_at=past)
    second = ComplaintFactory(branch=world.branch, owner=owner, respond_due_at=past, acknowledged_at=past)
    ComplaintFactory(branch=world.branch, owner=owner, acknowledge_due_at=timezone.now() + timedelta(days=2))
    ComplaintFactory(
        branch=world.branch,
        owner=owner,
        acknowledge_due_at=past,
        status="closed",
        judgement="one_off",
        closed_at=past,
    )
    mail.outbox.clear()
    assert notify_overdue_complaints() == 1
    (message,) = mail.outbox
    assert message.to == [owner.email] and message.subject == "2 complaints of yours are overdue"
    assert first.reference in message.body and second.reference in message.body


def test_overdue_state_is_not_stored_by_the_job(world):
    case = ComplaintFactory(
        branch=world.branch,
        owner=world.users["supervisor"],
        acknowledge_due_at=timezone.now() - timedelta(hours=1),
    )
    notify_overdue_complaints()
    case.refresh_from_db()
    assert (case.status, case.version) == ("new", 1)
