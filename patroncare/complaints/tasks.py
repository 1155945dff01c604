"""Scheduled work of the complaints app. Jobs only notify: overdue is computed when read, never stored."""

from itertools import groupby

from celery import shared_task
from django.utils import timezone

from patroncare.core.mail import send_in_language

from .models import Complaint
from .selectors import overdue_condition


@shared_task
def notify_overdue_complaints() -> int:
    """One message per owner listing their overdue cases. Meant to run once a working day (Celery beat).

    Returns the number of messages queued.
    """
    cases = (
        Complaint.objects.filter(
            overdue_condition(timezone.now()), owner__isnull=False, owner__is_active=True
        )
        .select_related("owner", "branch")
        .order_by("owner_id", "respond_due_at", "id")
    )
    sent = 0
    for _owner_id, owned in groupby(cases, key=lambda case: case.owner_id):
        owned = list(owned)
        owner = owned[0].owner
        send_in_language(
            to=owner.email,
            language=owner.preferred_language,
            subject_template="complaints/email/overdue_subject.txt",
            body_template="complaints/email/overdue_body.txt",
            context={"recipient": owner, "cases": owned},
        )
        sent += 1
    return sent
