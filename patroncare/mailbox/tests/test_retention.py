"""Mail from patrons on the retention schedule: mail that reached no case has its own line; mail that reached
a case goes with the case; mail waiting for review is never purged."""

from datetime import date, datetime, time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from patroncare.complaints.models import Complaint
from patroncare.mailbox.models import InboundAttachment, InboundMail, InboundStatus, ReviewReason
from patroncare.mailbox.retention import INBOUND, REMOVED
from patroncare.retention import registry, services
from patroncare.retention.models import LegalHold, RetentionRule
from patroncare.retention.tests.helpers import complaint_closed_on

pytestmark = pytest.mark.django_db


def _at(world, day, hour=12):
    return datetime.combine(day, time(hour), tzinfo=world.system.zone)


def _mail(world, status, received_on, *, decided_on=None, reason="", system=None, **fields):
    mail = InboundMail(
        system=system or world.system,
        message_id=f"<{status}-{received_on}-{InboundMail.objects.count()}@example.net>",
        sender="ana@example.net",
        subject="About my card",
        size=120,
        text="My card number is 2900012345 and I live on Elm Street.",
        status=status,
        reason=reason,
        decided_at=_at(world, decided_on) if decided_on else None,
        **fields,
    )
    mail.raw.save(
        "raw.eml", ContentFile(b"From: ana@example.net\r\n\r\nMy card number is 2900012345"), save=False
    )
    mail.save()
    InboundMail.objects.filter(pk=mail.pk).update(received_at=_at(world, received_on))
    attachment = InboundAttachment(mail=mail, original_name="card.png", content_type="image/png", size=10)
    attachment.file.save("card.png", ContentFile(b"\x89PNG...."), save=False)
    attachment.save()
    mail.refresh_from_db()
    return mail


@pytest.fixture
def schedule(world):
    services.schedule_defaults_install(system=world.system)


def _due(world, as_of):
    kind = registry.record_type(INBOUND)
    return set(
        registry.due_records(registry.Schedule(world.system), kind, as_of).values_list("pk", flat=True)
    )


def test_a_bounce_and_a_discarded_mail_go_twelve_months_after_on_the_librarys_calendar(world, schedule):
    rule = RetentionRule.objects.get(system=world.system, record_type=INBOUND)
    assert (rule.keep_number, rule.keep_unit, rule.action) == (12, "months", "delete")
    bounce = _mail(world, InboundStatus.BOUNCE, date(2025, 2, 28))
    # Received in January, discarded in the review queue on 29 February 2024: its clock starts then.
    discarded = _mail(world, InboundStatus.DISCARDED, date(2024, 1, 10), decided_on=date(2024, 2, 29))
    kind = registry.record_type(INBOUND)
    assert registry.due_of(registry.Schedule(world.system), kind, bounce).on == date(2026, 3, 1)
    assert registry.due_of(registry.Schedule(world.system), kind, discarded).on == date(2025, 3, 1)
    assert _due(world, date(2025, 2, 28)) == set()
    assert _due(world, date(2025, 3, 1)) == {discarded.pk}
    assert _due(world, date(2026, 3, 1)) == {bounce.pk, discarded.pk}


def test_deleting_removes_the_message_and_its_files_from_storage(
    world, schedule, django_capture_on_commit_callbacks
):
    bounce = _mail(world, InboundStatus.BOUNCE, date(2024, 5, 2))
    names = [bounce.raw.name, bounce.attachments.get().file.name]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.retention_apply(system=world.system, as_of=date(2025, 6, 1))
    assert report.counts[INBOUND] == 1
    assert not InboundMail.objects.filter(pk=bounce.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_anonymising_keeps_when_and_what_happened_and_nothing_the_patron_wrote(world, schedule):
    RetentionRule.objects.filter(system=world.system, record_type=INBOUND).update(action="anonymise")
    discarded = _mail(world, InboundStatus.DISCARDED, date(2024, 5, 2), decided_on=date(2024, 5, 3))
    services.retention_apply(system=world.system, as_of=date(2025, 6, 1))
    discarded.refresh_from_db()
    assert discarded.status == InboundStatus.DISCARDED and discarded.decided_at is not None
    assert (discarded.raw.name, discarded.sender, discarded.subject, discarded.text) == ("", "", "", REMOVED)
    assert not discarded.attachments.exists()
    # Nothing is left to purge: a later run counts none.
    assert services.retention_apply(system=world.system, as_of=date(2025, 7, 1)).counts.get(INBOUND, 0) == 0


def test_mail_waiting_for_review_is_never_due(world, schedule):
    waiting = _mail(world, InboundStatus.REVIEW, date(2020, 1, 6), reason=ReviewReason.SPOOFED)
    assert _due(world, date(2026, 12, 1)) == set()
    due = registry.due_of(registry.Schedule(world.system), registry.record_type(INBOUND), waiting)
    assert due.on is None and due.reasons == ("it waits in the review queue",)


def test_a_reply_on_a_case_goes_when_the_case_is_anonymised_and_not_before(world, schedule):
    open_case = complaint_closed_on(world, None)
    closed_case = complaint_closed_on(world, date(2022, 3, 1))
    on_open = _mail(world, InboundStatus.ADDED, date(2021, 1, 5), source="complaints", record_id=open_case.pk)
    on_closed = _mail(
        world, InboundStatus.RELEASED, date(2022, 2, 1), source="complaints", record_id=closed_case.pk
    )
    assert _due(world, date(2026, 12, 1)) == set()  # neither has a line of its own
    held = complaint_closed_on(world, date(2022, 3, 1))
    on_held = _mail(world, InboundStatus.NEW_CASE, date(2022, 2, 1), source="complaints", record_id=held.pk)
    LegalHold.objects.create(
        system=world.system,
        record_type="complaints.complaint",
        record_id=held.pk,
        reason="Claim filed",
        review_on=date(2027, 1, 1),
        placed_by=world.users["administrator"],
    )
    services.retention_apply(system=world.system, as_of=date(2025, 3, 2))
    assert Complaint.objects.get(pk=closed_case.pk).anonymised_at is not None
    on_closed.refresh_from_db()
    assert (on_closed.raw.name, on_closed.sender, on_closed.text) == ("", "", REMOVED)
    assert not on_closed.attachments.exists()
    for kept in (on_open, on_held):
        kept.refresh_from_db()
        assert kept.raw.name and kept.text.startswith("My card number") and kept.attachments.exists()


def test_another_systems_mail_is_untouched(world, schedule):
    theirs = _mail(world, InboundStatus.BOUNCE, date(2020, 1, 6), system=world.other_system)
    services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    assert InboundMail.objects.filter(pk=theirs.pk).exists()
