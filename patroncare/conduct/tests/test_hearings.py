"""Hearings of appeals: deadlines in calendar or working days, scheduling, the decision waiting for the
hearing, reminders sent once, letters and access per role."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from patroncare.conduct import services
from patroncare.conduct.letters import appeal_decision_html, exclusion_notice_html, hearing_invitation_html
from patroncare.conduct.models import Appeal, AppealDeadlineNotice, Hearing, Letter, LetterKind
from patroncare.conduct.services.reminders import appeal_reminders_send
from patroncare.conduct.state import appeal_deadline, decision_deadline, disclosure_deadline, hearing_deadline
from patroncare.libraries.models import Closure, Holiday
from patroncare.rulebook.models import AppealSettings
from patroncare.rulebook.selectors import appeal_settings_for

from .test_lifting_views import _pdf_text


def _settings(system, **values):
    AppealSettings.objects.filter(system=system).update(**values)
    system.__dict__.pop("_appeal_settings", None)
    return appeal_settings_for(system)


def _at(system, day: date, hour=10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=system.zone)


def _stand_in(case, received: date) -> Appeal:
    return Appeal(exclusion=case.exclusion, received_at=_at(case.system, received))


def _local_day(system, moment):
    return moment.astimezone(system.zone).date()


@pytest.mark.parametrize(
    ("received", "days", "unit", "expected"),
    [
        (date(2028, 2, 25), 5, "days", date(2028, 3, 1)),  # across the leap day
        (date(2027, 2, 25), 5, "days", date(2027, 3, 2)),  # no leap day
        (date(2027, 1, 29), 3, "days", date(2027, 2, 1)),  # across a month end
        (date(2027, 1, 29), 3, "working_days", date(2027, 2, 3)),  # Friday: Mon, Tue, Wed
        (date(2028, 2, 28), 2, "working_days", date(2028, 3, 1)),  # Monday: Tue 29 Feb, Wed 1 Mar
    ],
)
def test_the_hearing_deadline_in_calendar_or_working_days(case, received, days, unit, expected):
    settings = _settings(case.system, hearing_required=True, hearing_days=days, hearing_unit=unit)
    deadline = hearing_deadline(_stand_in(case, received), settings)
    assert _local_day(case.system, deadline) == expected


def test_the_hearing_deadline_skips_holidays_and_the_branch_closed_days(case):
    settings = _settings(case.system, hearing_required=True, hearing_days=3, hearing_unit="working_days")
    Holiday.objects.create(system=case.system, date=date(2027, 2, 1), name="Staff day")
    Closure.objects.create(
        branch=case.branch, start_date=date(2027, 2, 2), end_date=date(2027, 2, 3), reason="Roof repair"
    )
    deadline = hearing_deadline(_stand_in(case, date(2027, 1, 29)), settings)
    # Friday 29 Jan; Mon 1 holiday, Tue 2 and Wed 3 closed: Thu 4, Fri 5, Mon 8.
    assert _local_day(case.system, deadline) == date(2027, 2, 8)


def test_no_hearing_deadline_unless_the_rules_require_one(case):
    settings = _settings(case.system, hearing_required=False)
    assert hearing_deadline(_stand_in(case, date(2027, 1, 29)), settings) is None


@pytest.mark.parametrize(
    ("unit", "expected"), [("days", date(2027, 2, 5)), ("working_days", date(2027, 2, 3))]
)
def test_the_documents_are_due_before_the_hearing(case, unit, expected):
    settings = _settings(case.system, hearing_required=True, disclosure_days=3, disclosure_unit=unit)
    hearing = Hearing(
        appeal=_stand_in(case, date(2027, 1, 20)), scheduled_at=_at(case.system, date(2027, 2, 8))
    )
    # Monday 8 Feb: 3 calendar days before is Fri 5; 3 working days before is Wed 3.
    assert _local_day(case.system, disclosure_deadline(hearing, settings)) == expected


@pytest.mark.parametrize(
    ("unit", "expected"), [("days", date(2027, 2, 8)), ("working_days", date(2027, 2, 12))]
)
def test_the_decision_deadline_in_calendar_or_working_days(case, unit, expected):
    settings = _settings(case.system, decision_days=10, decision_unit=unit)
    deadline = decision_deadline(_stand_in(case, date(2027, 1, 29)), settings)
    assert _local_day(case.system, deadline) == expected


def _late_appeal_args(case):
    deadline = appeal_deadline(case.exclusion, appeal_settings_for(case.system))
    return {
        "actor": case.users["supervisor"],
        "exclusion": case.exclusion,
        "received_at": deadline + timedelta(minutes=1),
        "statement": "I was in hospital.",
        "good_cause": "In hospital until yesterday.",
    }


def test_good_cause_turned_off_refuses_a_late_appeal(case, monkeypatch):
    _settings(case.system, late_with_good_cause=False, filing_days=1, filing_unit="days")
    args = _late_appeal_args(case)
    monkeypatch.setattr(timezone, "now", lambda: args["received_at"] + timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        services.appeal_file(**args)
    assert "cannot be accepted, even for good cause" in str(refused.value)
    assert not Appeal.objects.exists()


def test_good_cause_on_accepts_a_late_appeal(case, monkeypatch):
    _settings(case.system, late_with_good_cause=True, filing_days=1, filing_unit="days")
    args = _late_appeal_args(case)
    monkeypatch.setattr(timezone, "now", lambda: args["received_at"] + timedelta(hours=1))
    assert services.appeal_file(**args).good_cause == "In hospital until yesterday."


@pytest.fixture
def heard(case):
    """An appeal of the case, under rules that require a hearing; the administrator is the director."""
    case.system.director = case.users["administrator"]
    case.system.save()
    _settings(case.system, hearing_required=True, hearing_days=10, hearing_unit="days", disclosure_days=2)
    case.appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now() - timedelta(days=1),
        statement="I was upset; it will not happen again.",
    )
    case.decider = type(case.users["administrator"]).objects.get(pk=case.users["administrator"].pk)
    return case


def _schedule(case, when, **extra):
    return services.hearing_schedule(
        actor=case.decider, appeal=case.appeal, scheduled_at=when, place="Meeting room, Millbrook", **extra
    )


def test_a_required_hearing_blocks_the_decision_until_it_is_recorded(heard):
    decide = dict(
        actor=heard.decider, appeal=heard.appeal, decision="upheld", reason="The rules were broken."
    )
    with pytest.raises(ValidationError, match="require a hearing"):
        services.appeal_decide(**decide)
    hearing = _schedule(heard, timezone.now() + timedelta(days=2))
    with pytest.raises(ValidationError, match="not been recorded yet"):
        services.appeal_decide(**decide)
    with pytest.raises(ValidationError, match="not taken place yet"):
        services.hearing_record_attendance(
            actor=heard.decider, hearing=hearing, attendance="attended", expected_version=hearing.version
        )
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_at=timezone.now() - timedelta(hours=1))
    hearing.refresh_from_db()
    services.hearing_record_attendance(
        actor=heard.decider, hearing=hearing, attendance="not_attended", expected_version=hearing.version
    )
    assert services.appeal_decide(**decide).decision == "upheld"


def test_a_hearing_after_the_deadline_needs_a_reason(heard):
    late = timezone.now() + timedelta(days=20)
    with pytest.raises(ValidationError, match="give the reason"):
        _schedule(heard, late)
    assert not Hearing.objects.exists()
    hearing = _schedule(heard, late, late_reason="The person asked for a later date.")
    assert hearing.late_reason == "The person asked for a later date."


def test_moving_a_hearing_checks_the_version(heard):
    hearing = _schedule(heard, timezone.now() + timedelta(days=2))
    with pytest.raises(ValidationError, match="Someone else saved"):
        _schedule(heard, timezone.now() + timedelta(days=3), expected_version=hearing.version + 1)
    hearing.refresh_from_db()
    assert hearing.version == 1


def test_only_the_decider_schedules_and_a_refusal_changes_nothing(heard):
    with pytest.raises(Exception):  # noqa: B017 (refused as the access layer refuses)
        services.hearing_schedule(
            actor=heard.users["supervisor"],
            appeal=heard.appeal,
            scheduled_at=timezone.now() + timedelta(days=2),
            place="Anywhere",
        )
    assert not Hearing.objects.exists()


def test_reminders_are_sent_once_when_near_and_once_when_passed(heard, mailoutbox, sent):
    hearing = _schedule(heard, timezone.now() + timedelta(days=2))
    due = disclosure_deadline(hearing, appeal_settings_for(heard.system))
    with sent():
        first = appeal_reminders_send(now=due - timedelta(hours=2))
        again = appeal_reminders_send(now=due - timedelta(hours=1))
    assert first["soon"] >= 1 and again == {"soon": 0, "passed": 0}
    with sent():
        passed = appeal_reminders_send(now=due + timedelta(hours=1))
        passed_again = appeal_reminders_send(now=due + timedelta(hours=2))
    assert passed["passed"] >= 1 and passed_again["passed"] == 0
    notices = AppealDeadlineNotice.objects.filter(appeal=heard.appeal, clock="disclosure")
    assert set(notices.values_list("when", flat=True)) == {"soon", "passed"}
    assert set(notices.values_list("recipient_id", flat=True)) == {heard.decider.pk}


def test_the_letters_tell_of_the_hearing(heard):
    assert "a hearing will be held" in exclusion_notice_html(heard.exclusion, language="en")
    hearing = _schedule(heard, timezone.now() + timedelta(days=2), panel_names="Ana Ruiz")
    invitation = hearing_invitation_html(
        Hearing.objects.get(pk=hearing.pk), language="es", letter_date=timezone.now()
    )
    assert "Meeting room, Millbrook" in invitation and "Ana Ruiz" in invitation
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_at=timezone.now() - timedelta(hours=1))
    hearing.refresh_from_db()
    services.hearing_record_attendance(
        actor=heard.decider,
        hearing=hearing,
        attendance="represented",
        represented_by="Sam Ortiz",
        expected_version=hearing.version,
    )
    services.appeal_decide(
        actor=heard.decider, appeal=heard.appeal, decision="upheld", reason="Broken rules."
    )
    appeal = Appeal.objects.get(pk=heard.appeal.pk)
    assert "A hearing was held on" in appeal_decision_html(appeal, language="en")
    assert "Sam Ortiz" in appeal_decision_html(appeal, language="en")
    assert "Se celebró una audiencia" in appeal_decision_html(appeal, language="es")


def test_the_invitation_pdf_is_stored_and_a_moved_hearing_gets_a_new_one(heard, signed_in):
    _schedule(heard, timezone.now() + timedelta(days=2))
    client = signed_in(heard.decider)
    url = reverse("conduct:hearing_letter", args=[heard.exclusion.pk, heard.appeal.pk]) + "?lang=en"
    client.post(url)
    text = _pdf_text(b"".join(client.get(url).streaming_content))
    assert "Invitation to the hearing of your appeal" in text
    client.post(url)
    assert Letter.objects.filter(kind=LetterKind.HEARING_INVITATION).count() == 1
    hearing = Hearing.objects.get()
    _schedule(heard, timezone.now() + timedelta(days=3), expected_version=hearing.version)
    assert "Issue and print the letter" in client.get(url).content.decode()
    client.post(url)
    newest = Letter.objects.filter(kind=LetterKind.HEARING_INVITATION).order_by("-id").first()
    assert Letter.objects.filter(kind=LetterKind.HEARING_INVITATION).count() == 2 and newest.supersedes


def test_hearing_addresses_are_post_only(heard, signed_in):
    client = signed_in(heard.decider)
    for name in ("hearing_schedule", "hearing_disclosure", "hearing_attendance"):
        assert (
            client.get(reverse(f"conduct:{name}", args=[heard.exclusion.pk, heard.appeal.pk])).status_code
            == 405
        )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 302),
        ("supervisor", 404),
        ("other_branch_supervisor", 404),
        ("other_system_admin", 404),
        ("frontline", 403),
    ],
)
def test_scheduling_by_role(heard, signed_in, role, status):
    client = signed_in(heard.users[role])
    when = timezone.localtime(timezone.now() + timedelta(days=2), heard.system.zone)
    response = client.post(
        reverse("conduct:hearing_schedule", args=[heard.exclusion.pk, heard.appeal.pk]),
        {"hearing-scheduled_at": when.strftime("%Y-%m-%dT%H:%M"), "hearing-place": "Room 2"},
    )
    assert response.status_code == status
    assert Hearing.objects.exists() == (status == 302)


def test_the_appeal_page_and_the_desk_show_the_hearing_deadlines(heard, signed_in):
    from patroncare.conduct.shell import decisions_waiting

    client = signed_in(heard.decider)
    page = client.get(reverse("conduct:appeal_decide", args=[heard.exclusion.pk, heard.appeal.pk]))
    assert "Hearing held by" in page.content.decode()
    detail = client.get(reverse("conduct:exclusion_detail", args=[heard.exclusion.pk])).content.decode()
    assert "Hearing held by" in detail
    [item] = decisions_waiting(heard.decider)
    assert "hearing by" in item.detail
