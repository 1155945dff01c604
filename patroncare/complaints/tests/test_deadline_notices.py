"""Critical safety cases reach security staff; owners are reminded once of deadlines near and passed."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import services
from patroncare.complaints.models import Category, Complaint, DeadlineNotice
from patroncare.complaints.services.deadlines import end_of_local_day
from patroncare.complaints.services.reminders import deadline_reminders_send
from patroncare.conftest import sign_in
from patroncare.libraries.calendar import local_date, next_working_day
from patroncare.libraries.tests.factories import BranchFactory, HolidayFactory, OpeningHoursFactory

from .factories import ComplaintFactory, record

CHICAGO = ZoneInfo("America/Chicago")
MON, WED, SAT = 0, 2, 5


# --- Critical cases that concern safety -------------------------------------------------------------------


@pytest.fixture
def security(world):
    """Security staff: one at the case's branch, one at another branch; the world has one system-wide."""
    return {
        "branch": UserFactory(library_system=world.system, roles=[(Role.SECURITY, world.branch)]),
        "other_branch": UserFactory(library_system=world.system, roles=[(Role.SECURITY, world.other_branch)]),
        "system": world.users["security"],
        "other_system": world.users["other_system_admin"],
    }


def _critical(world, key, **kwargs):
    services.categories_install_defaults(system=world.system)
    category = Category.objects.get(system=world.system, key=key)
    complaint, _ = record(
        actor=world.users["supervisor"], branch=world.branch, severity="critical", category=category, **kwargs
    )
    return complaint


def test_default_safety_categories_are_marked(world):
    services.categories_install_defaults(system=world.system)
    marked = set(
        Category.objects.filter(system=world.system, concerns_safety=True).values_list("key", flat=True)
    )
    assert marked == {"safety", "facilities"}


def test_security_of_the_branch_is_told_of_a_critical_safety_case(world, security, sent):
    mail.outbox.clear()
    with sent():
        complaint = _critical(world, "safety")
    told = {message.to[0] for message in mail.outbox if "security staff" in message.body}
    assert told == {security["branch"].email, security["system"].email}
    message = next(m for m in mail.outbox if m.to == [security["branch"].email])
    assert complaint.reference in message.subject and "Not kept physically" in message.body
    # Never the patron's contact details.
    assert "lena.morales@example.net" not in message.body and "Lena" not in message.body


def test_security_is_not_told_of_a_critical_case_that_does_not_concern_safety(world, security, sent):
    mail.outbox.clear()
    with sent():
        _critical(world, "money-fines")
    everyone = {security[key].email for key in security}
    assert not any(message.to[0] in everyone for message in mail.outbox)


def test_security_staff_named_in_the_case_are_not_told(world, security, sent):
    mail.outbox.clear()
    with sent():
        _critical(world, "safety", staff_named=[security["branch"]])
    assert security["branch"].email not in {message.to[0] for message in mail.outbox}
    assert security["system"].email in {message.to[0] for message in mail.outbox}


def test_a_serious_safety_case_does_not_reach_security(world, security, sent):
    services.categories_install_defaults(system=world.system)
    mail.outbox.clear()
    with sent():
        record(
            actor=world.users["supervisor"],
            branch=world.branch,
            severity="serious",
            category=Category.objects.get(system=world.system, key="safety"),
        )
    assert security["branch"].email not in {message.to[0] for message in mail.outbox}


def test_the_category_settings_form_marks_a_category_as_concerning_safety(world):
    services.categories_install_defaults(system=world.system)
    category = Category.objects.get(system=world.system, key="technology-help")
    client = sign_in(Client(), world.users["administrator"])
    response = client.post(
        reverse("complaints:category_edit", args=[category.pk]),
        {
            "key": category.key,
            "version": category.version,
            "name": category.name,
            "name_es": category.name_es,
            "position": category.position,
            "is_active": "on",
            "concerns_safety": "on",
        },
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.concerns_safety and not category.restricts


# --- Deadline reminders ------------------------------------------------------------------------------------


@pytest.fixture
def pine_hollow(world):
    """A small branch open Monday, Wednesday and Saturday only."""
    branch = BranchFactory(system=world.system, name="Pine Hollow", code="PIN", is_small=True)
    for weekday in (MON, WED, SAT):
        OpeningHoursFactory(branch=branch, weekday=weekday, opens=time(10), closes=time(16))
    return branch


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHICAGO)


def _case(world, branch, **due):
    return ComplaintFactory(
        branch=branch, owner=world.users["supervisor"], received_at=at(date(2026, 11, 23)), **due
    )


THURSDAY = date(2026, 12, 3)  # Pine Hollow's next opening day is Saturday 5, then Monday 7


def test_a_deadline_on_the_next_opening_day_is_near(world, pine_hollow, sent):
    case = _case(
        world, pine_hollow, acknowledge_due_at=end_of_local_day(system=world.system, day=date(2026, 12, 5))
    )
    mail.outbox.clear()
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 1, "passed": 0}
    (message,) = mail.outbox
    assert message.to == [world.users["supervisor"].email]
    assert case.reference in message.subject and "within one working day" in message.body
    assert f"/complaints/{case.pk}/" in message.body and "lena.morales@example.net" not in message.body


def test_a_deadline_two_opening_days_away_is_not_near_yet(world, pine_hollow, sent):
    _case(world, pine_hollow, acknowledge_due_at=end_of_local_day(system=world.system, day=date(2026, 12, 7)))
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 0, "passed": 0}
        # On Saturday, Monday is the next opening day.
        assert deadline_reminders_send(now=at(date(2026, 12, 5))) == {"soon": 1, "passed": 0}


def test_a_holiday_is_not_a_working_day(world, sent):
    # Monday to Friday by default; Friday 4 December a holiday: from Thursday, Monday 7 is one working day.
    HolidayFactory(system=world.system, date=date(2026, 12, 4))
    _case(
        world,
        world.branch,
        respond_due_at=end_of_local_day(system=world.system, day=date(2026, 12, 7)),
        acknowledged_at=at(date(2026, 11, 24)),
    )
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 1, "passed": 0}


def test_each_reminder_is_sent_once_across_runs(world, sent):
    case = _case(world, world.branch, acknowledge_due_at=end_of_local_day(system=world.system, day=THURSDAY))
    mail.outbox.clear()
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY, 9)) == {"soon": 1, "passed": 0}
        assert deadline_reminders_send(now=at(THURSDAY, 15)) == {"soon": 0, "passed": 0}
        assert deadline_reminders_send(now=at(date(2026, 12, 4), 9)) == {"soon": 0, "passed": 1}
        assert deadline_reminders_send(now=at(date(2026, 12, 4), 15)) == {"soon": 0, "passed": 0}
    assert len(mail.outbox) == 2
    assert set(DeadlineNotice.objects.filter(complaint=case).values_list("clock", "when")) == {
        ("acknowledge", "soon"),
        ("acknowledge", "passed"),
    }


def test_an_extension_gives_a_new_reminder(world, sent):
    first_due = end_of_local_day(system=world.system, day=date(2026, 12, 1))
    case = _case(world, world.branch, respond_due_at=first_due, acknowledged_at=at(date(2026, 11, 24)))
    with sent():
        assert deadline_reminders_send(now=at(date(2026, 12, 2))) == {"soon": 0, "passed": 1}
        Complaint.objects.filter(pk=case.pk).update(
            respond_due_at=end_of_local_day(system=world.system, day=date(2026, 12, 4))
        )
        assert deadline_reminders_send(now=at(date(2026, 12, 2))) == {"soon": 0, "passed": 0}
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 1, "passed": 0}
        assert deadline_reminders_send(now=at(date(2026, 12, 5))) == {"soon": 0, "passed": 1}
    assert DeadlineNotice.objects.filter(complaint=case, when="passed").count() == 2


def test_the_extension_service_leads_to_a_new_reminder(world, sent):
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch, severity="moderate")
    services.complaint_acknowledge(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        message="Thanks.",
        channel="email",
    )
    complaint.refresh_from_db()
    with sent():
        assert deadline_reminders_send(now=complaint.respond_due_at + timedelta(hours=1))["passed"] == 1
    later = local_date(world.system, complaint.respond_due_at) + timedelta(days=14)
    services.complaint_extend(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        new_date=next_working_day(system=world.system, day=later, branch=world.branch),
        reason="We are waiting for the camera footage.",
    )
    complaint.refresh_from_db()
    with sent():
        assert deadline_reminders_send(now=complaint.respond_due_at + timedelta(hours=1))["passed"] == 1
    assert DeadlineNotice.objects.filter(complaint=complaint, clock="respond", when="passed").count() == 2


def test_closed_cases_get_no_reminder(world, sent):
    past = at(date(2026, 12, 1))
    _case(world, world.branch, acknowledge_due_at=past, status="closed", judgement="one_off", closed_at=past)
    _case(
        world,
        world.branch,
        acknowledge_due_at=past,
        acknowledged_at=past,
        respond_due_at=past,
        responded_at=past,
    )
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 0, "passed": 0}
    assert not DeadlineNotice.objects.exists()


def test_a_restricted_case_reminds_only_an_owner_allowed_to_read_it(world, sent):
    past = at(date(2026, 12, 1))
    allowed = _case(world, world.branch, acknowledge_due_at=past, restricted=True)
    barred = ComplaintFactory(
        branch=world.branch, owner=world.users["frontline"], acknowledge_due_at=past, restricted=True
    )
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 0, "passed": 1}
    assert list(DeadlineNotice.objects.values_list("complaint_id", flat=True)) == [allowed.pk]
    assert barred.pk != allowed.pk


def test_reminders_follow_the_owners_digest_choice(world, sent, settings):
    from patroncare.notifications.models import DigestLine, Preference

    settings.NOTIFICATIONS_DIGESTS_WITHOUT_BROKER = True
    Preference.objects.create(
        user=world.users["supervisor"], kind="complaints.deadline_passed", delivery="digest"
    )
    _case(world, world.branch, acknowledge_due_at=at(date(2026, 12, 1)))
    mail.outbox.clear()
    with sent():
        assert deadline_reminders_send(now=at(THURSDAY)) == {"soon": 0, "passed": 1}
    assert mail.outbox == []
    assert DigestLine.objects.filter(
        user=world.users["supervisor"], kind="complaints.deadline_passed"
    ).exists()


def test_the_reminder_kinds_are_registered_and_may_wait_for_the_digest():
    from patroncare.notifications.registry import KINDS

    for key in ("complaints.deadline_soon", "complaints.deadline_passed"):
        assert not KINDS[key].always_immediate
    for key in ("complaints.statement_approval", "complaints.statement_trustees"):
        assert key in KINDS
    assert KINDS["complaints.critical"].always_immediate


def test_the_reminder_job_is_on_the_hourly_schedule(settings):
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("notify_deadlines")]
    assert entry["schedule"] == 60 * 60


def test_security_is_told_when_triage_makes_a_safety_case_critical(world, security, sent):
    services.categories_install_defaults(system=world.system)
    complaint, _ = record(actor=world.users["supervisor"], branch=world.branch, severity="moderate")
    mail.outbox.clear()
    with sent():
        services.complaint_triage(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=complaint.version,
            category=Category.objects.get(system=world.system, key="safety"),
            severity="critical",
            kind="complaint",
        )
    told = {message.to[0] for message in mail.outbox if "security staff" in message.body}
    assert told == {security["branch"].email, security["system"].email}
