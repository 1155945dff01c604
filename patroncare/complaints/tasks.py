"""Scheduled work of the complaints app. Jobs only notify: overdue is computed when read, never stored."""

from itertools import groupby

from celery import shared_task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from patroncare.core.tasks import send_email

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
        with translation.override(owner.preferred_language):
            context = {"recipient": owner, "cases": owned}
            subject = " ".join(render_to_string("complaints/email/overdue_subject.txt", context).split())
            body = render_to_string("complaints/email/overdue_body.txt", context)
        send_email.delay(subject=subject, body=body, to=[owner.email])
        sent += 1
    return sent
