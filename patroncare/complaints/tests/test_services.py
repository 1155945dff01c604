import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import (
    CaseEntry,
    Category,
    Complaint,
    ComplaintSettings,
    EntryKind,
    OutstandingAction,
    PolicyReview,
    SeverityRule,
    Status,
)
from patroncare.complaints.services import group_secret
from patroncare.complaints.services.configuration import DEFAULT_CATEGORIES
from patroncare.complaints.services.deadlines import deadlines_for
from patroncare.core.concurrency import StaleEditError
from patroncare.libraries.tests.factories import ClosureFactory, HolidayFactory

from .factories import ComplaintFactory, record, submit

CHICAGO = ZoneInfo("America/Chicago")
# 2026-11-23 is a Monday.
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=CHICAGO)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (e-mails) of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def end_of(day: date, zone=CHICAGO) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=zone)


# --- Deadline arithmetic ---------------------------------------------------------------------------


def test_default_deadlines_count_working_days_and_skip_the_weekend(world):
    d = deadlines_for(
        system=world.system, branch=world.branch, severity="moderate", start=MONDAY_NOON, stage=1
    )
    assert d.acknowledge_due_at == end_of(date(2026, 11, 30))  # 5 working days: Tue..Fri, Mon
    assert d.respond_due_at == end_of(date(2026, 12, 7))  # 10 working days


def test_review_stage_uses_five_and_twenty_working_days(world):
    d = deadlines_for(
        system=world.system, branch=world.branch, severity="moderate", start=MONDAY_NOON, stage=2
    )
    assert d.acknowledge_due_at == end_of(date(2026, 11, 30))
    assert d.respond_due_at == end_of(date(2026, 12, 21))


def test_holidays_push_the_deadline(world):
    HolidayFactory(system=world.system, date=date(2026, 11, 26), name="Thanksgiving Day")
    HolidayFactory(system=world.system, date=date(2026, 11, 27), name="Day after Thanksgiving")
    d = deadlines_for(
        system=world.system, branch=world.branch, severity="moderate", start=MONDAY_NOON, stage=1
    )
    assert d.acknowledge_due_at == end_of(date(2026, 12, 2))


def test_a_deadline_falling_on_a_branch_closure_moves_past_it(world):
    ClosureFactory(branch=world.branch, start_date=date(2026, 11, 30), end_date=date(2026, 12, 1))
    d = deadlines_for(
        system=world.system, branch=world.branch, severity="moderate", start=MONDAY_NOON, stage=1
    )
    assert d.acknowledge_due_at == end_of(date(2026, 12, 2))
    other = deadlines_for(
        system=world.system, branch=world.other_branch, severity="moderate", start=MONDAY_NOON, stage=1
    )
    assert other.acknowledge_due_at == end_of(date(2026, 11, 30))


def test_receipt_late_on_friday_night_utc_counts_in_the_library_time_zone(world):
    # 03:30 UTC on Saturday 28 November is still Friday evening in Chicago: day of receipt is the Friday.
    received = datetime(2026, 11, 28, 3, 30, tzinfo=ZoneInfo("UTC"))
    d = deadlines_for(system=world.system, branch=world.branch, severity="critical", start=received, stage=1)
    assert d.acknowledge_due_at == end_of(date(2026, 11, 30))  # 1 working day: Monday


def test_a_system_can_configure_its_own_deadlines(world):
    SeverityRule.objects.create(
        system=world.system,
        severity="minor",
        acknowledge_days=2,
        respond_days=3,
        review_acknowledge_days=2,
        review_respond_days=4,
        owner_rule="branch_supervisor",
    )
    d = deadlines_for(system=world.system, branch=world.branch, severity="minor", start=MONDAY_NOON, stage=1)
    assert (d.acknowledge_due_at, d.respond_due_at) == (
        end_of(date(2026, 11, 25)),
        end_of(date(2026, 11, 26)),
    )


# --- Intake ----------------------------------------------------------------------------------------


def test_staff_record_sets_owner_deadlines_and_a_hashed_secret(world):
    complaint, secret = record(
        actor=world.users["frontline"], branch=world.branch, severity="moderate", received_at=MONDAY_NOON
    )
    assert complaint.owner == world.users["supervisor"]
    assert complaint.acknowledge_due_at == end_of(date(2026, 11, 30))
    assert complaint.respond_due_at == end_of(date(2026, 12, 7))
    assert secret not in complaint.secret_hash
    assert services.secret_matches(complaint=complaint, secret=secret)
    assert Category.objects.filter(system=world.system).count() == len(DEFAULT_CATEGORIES)


def test_critical_case_is_owned_by_the_director_and_mails_them(world, commit):
    director = UserFactory(
        library_system=world.system, roles=[(Role.SUPERVISOR, None)], email="dir@example.org"
    )
    world.system.director = director
    world.system.save()
    mail.outbox.clear()
    with commit():
        complaint, _secret = record(actor=world.users["frontline"], branch=world.branch, severity="critical")
    assert complaint.owner == director
    assert [m.to for m in mail.outbox] == [["dir@example.org"], ["lena.morales@example.net"]]


def test_receipt_mail_goes_to_the_patron_in_their_language(world, commit):
    mail.outbox.clear()
    with commit():
        complaint, secret = record(actor=world.users["frontline"], branch=world.branch, patron_language="es")
    (to_patron,) = [m for m in mail.outbox if m.to == ["lena.morales@example.net"]]
    assert to_patron.subject == f"Hemos recibido su mensaje ({complaint.reference})"
    assert group_secret(secret) in to_patron.body


def test_public_submission_is_idempotent_on_its_token(world):
    token = uuid.uuid4()
    first, secret, created = submit(system=world.system, token=token)
    again, again_secret, again_created = submit(system=world.system, token=token)
    assert (created, again_created) == (True, False)
    assert again.pk == first.pk and again_secret == "" and secret
    assert Complaint.objects.count() == 1
    assert CaseEntry.objects.filter(complaint=first).count() == 1


def test_public_submission_without_contact_is_anonymous(world):
    complaint, _secret, _created = submit(system=world.system, patron_email="")
    assert complaint.anonymous is True
    assert complaint.status == Status.NEW and complaint.severity == ""


def test_anonymous_case_keeps_no_contact_even_if_typed(world):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, anonymous=True)
    assert (complaint.patron_name, complaint.patron_email) == ("", "")


# --- Workflow --------------------------------------------------------------------------------------


def _triaged(world, **kwargs):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, **kwargs)
    return complaint


def test_second_save_of_a_stale_triage_is_refused_and_nothing_changes(world):
    complaint = _triaged(world)
    category = Category.objects.filter(system=world.system).first()
    first, second = Complaint.objects.get(pk=complaint.pk), Complaint.objects.get(pk=complaint.pk)
    services.complaint_triage(
        actor=world.users["supervisor"],
        complaint=first,
        expected_version=1,
        category=category,
        severity="serious",
        kind="complaint",
        policy_tag="fines",
    )
    with pytest.raises(StaleEditError):
        services.complaint_triage(
            actor=world.users["administrator"],
            complaint=second,
            expected_version=1,
            category=category,
            severity="minor",
            kind="complaint",
            policy_tag="other",
        )
    complaint.refresh_from_db()
    assert (complaint.severity, complaint.policy_tag, complaint.version) == ("serious", "fines", 2)


def test_acknowledge_marks_the_case_and_tells_the_patron(world, commit):
    complaint = _triaged(world)
    mail.outbox.clear()
    with commit():
        services.complaint_acknowledge(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=1,
            message="Gracias por contarnos esto.",
            channel="email",
        )
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED and complaint.acknowledged_at is not None
    assert "Gracias por contarnos esto." in mail.outbox[0].body


def test_extension_needs_a_later_date_and_tells_the_patron(world, commit):
    complaint = _triaged(world, received_at=MONDAY_NOON)
    with pytest.raises(ValidationError):
        services.complaint_extend(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=1,
            new_date=date(2026, 12, 1),
            reason="Waiting for the branch report",
        )
    mail.outbox.clear()
    with commit():
        services.complaint_extend(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=1,
            new_date=date(2026, 12, 14),
            reason="Waiting for the branch report",
        )
    complaint.refresh_from_db()
    assert complaint.respond_due_at == end_of(date(2026, 12, 14))
    assert "Waiting for the branch report" in mail.outbox[0].body
    assert (
        CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.EXTENSION, for_patron=True).count() == 1
    )


@pytest.mark.parametrize("new_date", [date(9999, 12, 31), date(2200, 1, 1)])
def test_an_extension_beyond_a_year_is_refused_not_an_overflow(world, new_date):
    complaint = _triaged(world)
    due = complaint.respond_due_at
    with pytest.raises(ValidationError) as refusal:
        services.complaint_extend(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=1,
            new_date=new_date,
            reason="Waiting for the branch report",
        )
    assert refusal.value.messages == [
        "An extension reaches at most one year from today. Choose an earlier date."
    ]
    complaint.refresh_from_db()
    assert complaint.respond_due_at == due


def test_the_latest_extension_date_is_a_calendar_year_and_leap_day_gives_28_february():
    from patroncare.complaints.services.deadlines import latest_extension_date

    assert latest_extension_date(today=date(2026, 12, 6)) == date(2027, 12, 6)
    assert latest_extension_date(today=date(2028, 2, 29)) == date(2029, 2, 28)


def _respond(world, complaint, **overrides):
    values = dict(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        outcome="upheld",
        reasons="The fine was charged in error.",
        remedies=["apology", "fee_waived"],
        remedy_detail="We removed the fine.",
        outstanding=[
            {
                "description": "Check the returns scanner at Millbrook",
                "owner": world.users["supervisor"],
                "due_date": timezone.localdate() + timedelta(days=7),
            }
        ],
        review_info="Ask for a review from the status page.",
        channel="email",
    )
    values.update(overrides)
    return services.complaint_respond(**values)


def test_response_requires_every_part(world):
    complaint = _triaged(world)
    with pytest.raises(ValidationError):
        _respond(world, complaint, remedies=[])
    with pytest.raises(ValidationError):
        _respond(world, complaint, review_info=" ")
    complaint.refresh_from_db()
    assert complaint.status == Status.NEW and not complaint.responses.exists()


def test_response_keeps_outstanding_actions_tracked(world):
    complaint = _triaged(world)
    _respond(world, complaint)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED and complaint.outcome == "upheld"
    action = OutstandingAction.objects.get(complaint=complaint)
    assert action.done_at is None
    services.action_complete(actor=world.users["supervisor"], action=action)
    action.refresh_from_db()
    assert action.done_by == world.users["supervisor"]


def test_closing_requires_a_judgement_reason_and_systemic_opens_a_review(world):
    complaint = _triaged(world)
    _respond(world, complaint)
    complaint.refresh_from_db()
    with pytest.raises(ValidationError):
        services.complaint_close(
            actor=world.users["supervisor"],
            complaint=complaint,
            expected_version=complaint.version,
            judgement="systemic",
            reason="",
        )
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="systemic",
        reason="The scanner misses returns every week.",
        new_review={
            "subject": "Returns check-in procedure",
            "owner": world.users["supervisor"],
            "due_date": date(2027, 1, 15),
        },
    )
    complaint.refresh_from_db()
    review = PolicyReview.objects.get()
    assert (complaint.status, complaint.review, review.subject) == (
        Status.CLOSED,
        review,
        "Returns check-in procedure",
    )


def test_closing_before_a_response_is_only_for_first_contact(world):
    complaint = _triaged(world)
    with pytest.raises(ValidationError):
        services.complaint_close(
            actor=world.users["frontline"],
            complaint=complaint,
            expected_version=1,
            judgement="one_off",
            reason="Explained at the desk",
        )
    services.complaint_close(
        actor=world.users["frontline"],
        complaint=complaint,
        expected_version=1,
        judgement="one_off",
        reason="Explained at the desk",
        outcome="first_contact",
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == (Status.CLOSED, "first_contact")


def test_patron_review_request_starts_stage_two_with_its_own_clocks(world):
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = director
    world.system.save()
    complaint = _triaged(world)
    _respond(world, complaint)
    complaint.refresh_from_db()
    services.complaint_request_review(
        complaint=complaint, reason="The apology did not address the accusation."
    )
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status, complaint.owner) == (2, Status.REVIEW_REQUESTED, director)
    assert complaint.responded_at is None
    expected = deadlines_for(
        system=world.system,
        branch=world.branch,
        severity="moderate",
        start=complaint.review_requested_at,
        stage=2,
    )
    assert complaint.respond_due_at == expected.respond_due_at
    with pytest.raises(ValidationError):
        services.complaint_request_review(complaint=complaint, reason="Again")


def test_reopen_then_close_again(world):
    complaint = _triaged(world)
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=1,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    complaint.refresh_from_db()
    services.complaint_reopen(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        reason="The patron called back",
    )
    complaint.refresh_from_db()
    assert complaint.is_open and complaint.judgement == ""


def test_satisfaction_answer_lands_in_the_case(world):
    complaint = _triaged(world)
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=1,
        judgement="one_off",
        reason="Sorted",
        outcome="first_contact",
    )
    complaint.refresh_from_db()
    services.complaint_record_satisfaction(complaint=complaint, answer="satisfied")
    complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied"
    assert CaseEntry.objects.filter(complaint=complaint, kind=EntryKind.FOLLOW_UP).count() == 1


def test_statement_is_published_only_after_director_and_trustee(world):
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    complaint = _triaged(world, severity="serious")
    _respond(world, complaint)
    complaint.refresh_from_db()
    statement = services.statement_draft(
        actor=world.users["supervisor"],
        complaint=complaint,
        title="A wrongful accusation at Millbrook",
        body="We were wrong.",
        title_es="Una acusación injusta en Millbrook",
        body_es="Nos equivocamos.",
    )
    with pytest.raises(ValidationError):
        services.statement_publish(actor=director, statement=statement)
    services.statement_approve(actor=director, statement=statement)
    with pytest.raises(ValidationError):
        services.statement_publish(actor=director, statement=statement)
    services.statement_trustee_review(actor=world.users["trustee"], statement=statement)
    services.statement_publish(actor=director, statement=statement)
    statement.refresh_from_db()
    assert statement.status == "published" and statement.days_to_publish == 0


def test_statement_needs_a_serious_upheld_case(world):
    complaint = _triaged(world, severity="minor")
    _respond(world, complaint)
    complaint.refresh_from_db()
    with pytest.raises(ValidationError):
        services.statement_draft(actor=world.users["supervisor"], complaint=complaint, title="T", body="B")


def test_every_change_is_audited(world):
    complaint = _triaged(world)
    services.complaint_add_note(
        actor=world.users["supervisor"], complaint=complaint, body="Called the branch."
    )
    actions = list(AuditEvent.objects.filter(object_id=str(complaint.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["create", "update"]


def test_factory_cases_are_valid(world):
    ComplaintFactory(branch=world.branch).full_clean()


def test_received_at_is_kept_for_backdated_desk_entries(world):
    earlier = MONDAY_NOON - timedelta(days=2)
    complaint = _triaged(world, received_at=earlier)
    assert complaint.received_at == earlier


# --- Reply templates ---------------------------------------------------------------------------


def test_default_reply_templates_are_installed_once_in_both_languages(world):
    from patroncare.complaints.models import ReplyTemplate

    assert services.reply_templates_install_defaults(system=world.system) == 8
    assert services.reply_templates_install_defaults(system=world.system) == 0
    languages = set(ReplyTemplate.objects.filter(key="real-apology").values_list("language", flat=True))
    assert languages == {"en", "es"}


def test_merge_fields_are_filled_in_the_templates_language(world):
    from patroncare.complaints.models import ReplyTemplate

    complaint = _triaged(world, received_at=MONDAY_NOON)
    template = ReplyTemplate.objects.get(system=world.system, key="blast-acknowledgement", language="es")
    text = services.fill_template(template=template, complaint=complaint, actor=world.users["supervisor"])
    assert "Millbrook Branch" in text and complaint.reference in text
    assert "7 de diciembre de 2026" in text and world.users["supervisor"].full_name in text
    assert "{" not in text


def test_board_review_follows_the_directors_only_where_the_procedure_says_so(world):
    complaint = _triaged(world)
    _respond(world, complaint)
    complaint.refresh_from_db()
    services.complaint_request_review(complaint=complaint, reason="Not satisfied.")
    complaint.refresh_from_db()
    _respond(world, complaint, outcome="partly_upheld")
    complaint.refresh_from_db()
    assert services.review_available(complaint) is False
    with pytest.raises(ValidationError):
        services.complaint_request_review(complaint=complaint, reason="Still not satisfied.")
    ComplaintSettings.objects.create(system=world.system, board_review=True)
    services.complaint_request_review(complaint=complaint, reason="Still not satisfied.")
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status, complaint.stage_label) == (
        3,
        Status.REVIEW_REQUESTED,
        "Stage 3: review by the board",
    )
    assert list(complaint.responses.values_list("stage", flat=True)) == [1, 2]


def test_mail_links_are_absolute_when_the_installation_says_where_it_lives(world, commit, settings):
    settings.PATRONCARE_BASE_URL = "https://library.example.org/"
    mail.outbox.clear()
    with commit():
        complaint, _ = record(actor=world.users["frontline"], branch=world.branch, patron_language="en")
    (to_patron,) = [m for m in mail.outbox if m.to == ["lena.morales@example.net"]]
    assert "https://library.example.org/feedback/status/" in to_patron.body
    (to_owner,) = [m for m in mail.outbox if m.to == [complaint.owner.email]]
    assert f"https://library.example.org/complaints/{complaint.pk}/" in to_owner.body
