"""The retention registry on hand-worked dates: each rule, what protects a record, holds, the two actions."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile

from patroncare.audit.models import AuditEvent
from patroncare.conduct.models import Appeal
from patroncare.incidents.models import Attachment, CheckIn, Debrief, Draft, FollowUp, Incident
from patroncare.libraries.calendar import first_day_past
from patroncare.retention import registry, services
from patroncare.retention.models import LegalHold, RetentionRule, RetentionRun

from .helpers import complaint_closed_on, exclusion_ended_on, incident_closed_on, person


@pytest.fixture
def schedule(world):
    services.schedule_defaults_install(system=world.system)
    return lambda: registry.Schedule(world.system)


def _set(world, code, number, unit, action=None):
    rule = RetentionRule.objects.get(system=world.system, record_type=code)
    rule.keep_number, rule.keep_unit = number, unit
    rule.action = action or rule.action
    rule.save()


def _due(world, code, as_of):
    kind = registry.record_type(code)
    return set(
        registry.due_records(registry.Schedule(world.system), kind, as_of).values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("as_of", "number", "unit", "cutoff"),
    [
        (date(2029, 2, 28), 1, "years", date(2028, 2, 28)),
        (date(2028, 2, 29), 1, "years", date(2027, 2, 28)),  # a leap day: a year before is 28 February
        (date(2031, 2, 28), 3, "years", date(2028, 2, 28)),
        (date(2027, 3, 31), 1, "months", date(2027, 2, 28)),  # a month before 31 March: end of February
        (date(2028, 3, 31), 1, "months", date(2028, 2, 29)),
        (date(2027, 1, 15), 6, "months", date(2026, 7, 15)),
        (date(2027, 1, 15), 5, "weeks", date(2026, 12, 11)),
        (date(2027, 1, 15), 1095, "days", date(2024, 1, 16)),
    ],
)
def test_the_cutoff_is_counted_in_calendar_units(as_of, number, unit, cutoff):
    assert RetentionRule(keep_number=number, keep_unit=unit).cutoff(as_of) == cutoff


@pytest.mark.parametrize(
    ("start", "number", "unit", "due"),
    [
        (date(2026, 1, 31), 1, "months", date(2026, 3, 1)),  # kept through February
        (date(2026, 1, 28), 1, "months", date(2026, 3, 1)),
        (date(2028, 1, 31), 1, "months", date(2028, 3, 1)),  # through 29 February in a leap year
        (date(2028, 2, 29), 1, "years", date(2029, 3, 1)),
        (date(2027, 2, 28), 1, "years", date(2028, 3, 1)),  # a year before 29 February 2028 is 28 February
        (date(2025, 1, 1), 3, "years", date(2028, 1, 2)),
        (date(2026, 3, 1), 30, "days", date(2026, 4, 1)),
        (date(2026, 12, 31), 6, "months", date(2027, 7, 1)),
    ],
)
def test_the_first_day_a_record_may_go(start, number, unit, due):
    assert first_day_past(start, number, unit) == due
    rule = RetentionRule(keep_number=number, keep_unit=unit)
    assert start < rule.cutoff(due) and not start < rule.cutoff(due - timedelta(days=1))


def test_an_excluded_patrons_earlier_incident_is_kept_for_the_exclusions_period(world, schedule):
    """The published schedule: records on excluded patrons kept 3 years after the exclusion ends."""
    someone = person(world)
    earlier = incident_closed_on(world, date(2022, 5, 1), person=someone)  # not cited by the exclusion
    cited = incident_closed_on(world, date(2025, 11, 20), person=someone)
    exclusion = exclusion_ended_on(
        world, date(2026, 1, 10), person=someone, start=date(2025, 12, 1), incidents=[cited]
    )
    # Twelve days after the exclusion ended: the earlier incident is well past its own 3 years, and kept.
    assert _due(world, "incidents.incident", date(2026, 1, 22)) == set()
    due = registry.due_of(schedule(), registry.record_type("incidents.incident"), earlier)
    assert due.on == date(2029, 1, 11)
    assert _due(world, "incidents.incident", date(2029, 1, 10)) == set()
    assert _due(world, "incidents.incident", date(2029, 1, 11)) == {earlier.pk, cited.pk}
    assert _due(world, "conduct.exclusion", date(2029, 1, 11)) == {exclusion.pk}


def test_an_open_appeal_keeps_the_exclusion_and_what_it_names(world, schedule):
    someone = person(world)
    incident = incident_closed_on(world, date(2019, 1, 1), person=someone)
    exclusion = exclusion_ended_on(world, date(2019, 2, 1), person=someone, start=date(2019, 1, 2))
    Appeal.objects.create(
        exclusion=exclusion,
        received_at=datetime(2019, 1, 5, tzinfo=UTC),
        statement="I was not there",
        recorded_by=world.users["supervisor"],
    )
    as_of = date(2026, 12, 1)
    assert _due(world, "conduct.exclusion", as_of) == set()
    assert _due(world, "incidents.incident", as_of) == set()
    assert registry.due_of(schedule(), registry.record_type("conduct.exclusion"), exclusion).on is None
    Appeal.objects.filter(exclusion=exclusion).update(
        decision="upheld", decision_reason="Upheld", decided_at=datetime(2019, 1, 20, tzinfo=UTC)
    )
    assert _due(world, "conduct.exclusion", as_of) == {exclusion.pk}
    assert _due(world, "incidents.incident", as_of) == {incident.pk}


def test_an_open_ended_exclusion_keeps_its_person_indefinitely(world, schedule):
    someone = person(world)
    incident_closed_on(world, date(2015, 1, 1), person=someone)
    exclusion_ended_on(world, None, person=someone, start=date(2015, 1, 2), outcome="permanent")
    assert _due(world, "incidents.incident", date(2040, 1, 1)) == set()
    assert _due(world, "patrons.person", date(2040, 1, 1)) == set()


def test_an_open_follow_up_keeps_the_incident_and_a_late_one_restarts_the_clock(world, schedule):
    incident = incident_closed_on(world, date(2020, 1, 1))
    follow_up = FollowUp.objects.create(incident=incident, description="Replace the damaged chair")
    assert _due(world, "incidents.incident", date(2026, 1, 1)) == set()
    follow_up.done_at = datetime(2024, 6, 30, 18, tzinfo=world.system.zone)
    follow_up.done_by = world.users["supervisor"]
    follow_up.save()
    kind = registry.record_type("incidents.incident")
    assert registry.due_of(schedule(), kind, incident).on == date(2027, 7, 1)
    assert _due(world, "incidents.incident", date(2027, 6, 30)) == set()
    assert _due(world, "incidents.incident", date(2027, 7, 1)) == {incident.pk}


def test_a_legal_hold_on_a_person_keeps_every_record_naming_them_until_released(world, schedule):
    someone = person(world)
    incident = incident_closed_on(world, date(2018, 1, 1), person=someone)
    exclusion = exclusion_ended_on(world, date(2018, 2, 1), person=someone, start=date(2018, 1, 2))
    hold = services.legal_hold_place(
        actor=world.users["administrator"],
        system=world.system,
        record_type="patrons.person",
        record_id=someone.pk,
        reason="Police request 2026-114",
        review_on=date(2027, 1, 1),
    )
    report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    assert report.counts["incidents.incident"] == 0 and report.counts["conduct.exclusion"] == 0
    assert report.counts["patrons.person"] == 0
    kind = registry.record_type("incidents.incident")
    assert registry.due_of(schedule(), kind, incident).on is None
    services.legal_hold_release(actor=world.users["administrator"], hold=hold, note="Case closed by police")
    report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    assert report.counts["incidents.incident"] == 1 and report.counts["conduct.exclusion"] == 1
    incident.refresh_from_db()
    exclusion.refresh_from_db()
    someone.refresh_from_db()
    assert incident.anonymised_at and exclusion.anonymised_at and someone.anonymised_at
    assert (someone.card_number, someone.description) == ("", "")


def test_a_hold_on_one_record_keeps_that_record_only(world, schedule):
    held = incident_closed_on(world, date(2018, 1, 1))
    other = incident_closed_on(world, date(2018, 1, 1))
    services.legal_hold_place(
        actor=world.users["administrator"],
        system=world.system,
        record_type="incidents.incident",
        record_id=held.pk,
        reason="Litigation",
        review_on=date(2027, 1, 1),
    )
    assert _due(world, "incidents.incident", date(2026, 1, 1)) == {other.pk}


def test_a_second_hold_on_the_same_record_is_refused_and_changes_nothing(world):
    incident = incident_closed_on(world, date(2018, 1, 1))
    arguments = dict(
        actor=world.users["administrator"],
        system=world.system,
        record_type="incidents.incident",
        record_id=incident.pk,
        reason="Litigation",
        review_on=date(2027, 1, 1),
    )
    services.legal_hold_place(**arguments)
    with pytest.raises(Exception, match="already on hold"):
        services.legal_hold_place(**arguments)
    assert LegalHold.objects.count() == 1


def test_delete_removes_the_incident_and_its_files_from_storage(
    world, schedule, django_capture_on_commit_callbacks
):
    _set(world, "incidents.incident", 3, "years", "delete")
    incident = incident_closed_on(world, date(2020, 1, 1))
    attachment = Attachment(
        incident=incident,
        original_name="photo.jpg",
        content_type="image/jpeg",
        size=3,
        uploaded_by=world.users["frontline"],
    )
    attachment.file.save("photo.jpg", ContentFile(b"abc"), save=False)
    attachment.save()
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    assert report.counts["incidents.incident"] == 1
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert not storage.exists(name)


def test_a_persons_photo_leaves_storage_when_nothing_names_them(
    world, schedule, django_capture_on_commit_callbacks
):
    someone = person(world)
    someone.photo.save("face.jpg", ContentFile(b"xyz"))
    storage, name = someone.photo.storage, someone.photo.name
    incident_closed_on(world, date(2020, 1, 1), person=someone)
    with django_capture_on_commit_callbacks(execute=True):
        services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    someone.refresh_from_db()
    assert not someone.photo and not storage.exists(name)


def test_anonymise_keeps_the_incident_for_the_figures_and_removes_what_identifies(world, schedule):
    someone = person(world, name="Casey Hidden")
    incident = incident_closed_on(world, date(2020, 1, 1), person=someone)
    services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    incident.refresh_from_db()
    someone.refresh_from_db()
    assert incident.narrative.startswith("[removed") and incident.level
    assert someone.name == "" and someone.anonymised_at is not None


def test_a_closed_complaints_patron_contact_goes_after_the_period_and_an_open_one_stays(world, schedule):
    closed = complaint_closed_on(
        world, date(2023, 3, 31), patron_name="Casey Hidden", patron_email="c@example.net"
    )
    open_case = complaint_closed_on(world, None, received_at=datetime(2019, 1, 1, tzinfo=UTC))
    shared = complaint_closed_on(world, date(2023, 3, 31), patron=open_case.patron)
    kind = registry.record_type("complaints.complaint")
    assert registry.due_of(schedule(), kind, closed).on == date(2026, 4, 1)
    assert _due(world, "complaints.complaint", date(2026, 3, 31)) == set()
    patron = closed.patron
    report = services.retention_apply(system=world.system, as_of=date(2026, 4, 1))
    assert report.counts["complaints.complaint"] == 2
    closed.refresh_from_db()
    patron.refresh_from_db()
    open_case.refresh_from_db()
    assert (closed.patron_id, closed.narrative[:8], closed.status) == (None, "[removed", "closed")
    # Nothing else named the first patron: their person record is anonymised in the same run.
    assert (patron.name, patron.email, patron.anonymised_at is not None) == ("", "", True)
    # The second patron still has an open case: kept, with their contact.
    assert open_case.patron.name == "Lena Morales" and open_case.patron.anonymised_at is None
    shared.refresh_from_db()
    assert shared.patron_id is None


def test_check_ins_debriefs_and_drafts_follow_their_own_lines(world, schedule):
    incident = incident_closed_on(world, date(2026, 1, 5))
    check_in = CheckIn.objects.create(
        incident=incident, staff_member=world.users["frontline"], due_on=date(2026, 1, 6)
    )
    debrief = Debrief.objects.create(
        incident=incident,
        due_on=date(2026, 1, 12),
        held_on=date(2026, 1, 9),
        notes="We should have called the branch manager sooner.",
    )
    draft = Draft.objects.create(author=world.users["frontline"], data={"summary": ["Half written"]})
    Draft.objects.filter(pk=draft.pk).update(
        updated_at=datetime(2026, 10, 31, 23, 30, tzinfo=world.system.zone)
    )
    assert _due(world, "incidents.checkin", date(2027, 1, 6)) == set()
    assert _due(world, "incidents.checkin", date(2027, 1, 7)) == {check_in.pk}
    assert _due(world, "incidents.debrief", date(2027, 1, 10)) == {debrief.pk}
    assert _due(world, "incidents.draft", date(2026, 11, 30)) == set()
    assert _due(world, "incidents.draft", date(2026, 12, 1)) == {draft.pk}
    services.retention_apply(system=world.system, as_of=date(2027, 1, 10))
    debrief.refresh_from_db()
    assert (
        not CheckIn.objects.filter(pk=check_in.pk).exists() and not Draft.objects.filter(pk=draft.pk).exists()
    )
    assert debrief.notes == "" and debrief.held_on == date(2026, 1, 9)  # that it was held is a figure


def test_the_query_and_the_day_of_each_record_agree(world, schedule):
    """Generated records across month ends and leap days: each is due on its day and not the day before."""
    _set(world, "incidents.incident", 1, "months")
    _set(world, "conduct.exclusion", 2, "months")
    days = [date(2028, 1, 28), date(2028, 1, 29), date(2028, 1, 31), date(2028, 2, 29), date(2027, 12, 31)]
    records = []
    for index, day in enumerate(days):
        someone = person(world)
        records.append(incident_closed_on(world, day, person=someone))
        if index % 2:
            exclusion_ended_on(world, day + timedelta(days=index), person=someone, start=day)
    kind = registry.record_type("incidents.incident")
    for incident in records:
        on = registry.due_of(registry.Schedule(world.system), kind, incident).on
        assert incident.pk in _due(world, "incidents.incident", on), (incident.closed_at, on)
        assert incident.pk not in _due(world, "incidents.incident", on - timedelta(days=1)), (
            incident.closed_at,
            on,
        )


def test_a_year_is_read_on_the_librarys_own_day_not_the_servers(world, schedule):
    """Late on 28 February in Chicago it is already 1 March on the server's clock (UTC)."""
    world.system.time_zone = "America/Chicago"
    world.system.save()
    _set(world, "incidents.incident", 1, "years")
    past = incident_closed_on(world, date(2028, 2, 27))
    # 22:30 on 28 February 2028 in Chicago is already 29 February in UTC: that is the cutoff day, kept.
    kept = incident_closed_on(world, date(2028, 2, 28))
    Incident.objects.filter(pk=kept.pk).update(
        closed_at=datetime(2028, 2, 29, 4, 30, tzinfo=UTC),
        occurred_at=datetime(2028, 2, 29, 4, 30, tzinfo=UTC),
    )
    now = datetime(2029, 3, 1, 4, 30, tzinfo=UTC)  # 22:30 on 28 February 2029 in Chicago
    from patroncare.libraries.calendar import today_in

    assert _due(world, "incidents.incident", today_in(world.system, now)) == {past.pk}


def test_purging_in_batches_takes_every_record_and_audits_the_count_only(world, schedule):
    names = [f"Patron Number{index}" for index in range(5)]
    for name in names:
        incident_closed_on(world, date(2020, 1, 1), person=person(world, name=name))
    report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1), batch_size=2)
    assert report.counts["incidents.incident"] == 5 and report.counts["patrons.person"] == 5
    assert Incident.objects.filter(anonymised_at__isnull=True).count() == 0
    event = AuditEvent.objects.get(event="retention.records_purged", params__record_type="incidents.incident")
    assert event.params["count"] == 5
    from patroncare.audit.rendering import render_events

    texts = " ".join(line.text for line in render_events(AuditEvent.objects.all()))
    assert not any(name in texts for name in names)
    assert RetentionRun.objects.get(system=world.system).counts["incidents.incident"] == 5


def test_a_dry_run_changes_nothing(world, schedule):
    incident = incident_closed_on(world, date(2020, 1, 1))
    report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1), dry_run=True)
    assert report.counts["incidents.incident"] == 1
    incident.refresh_from_db()
    assert incident.anonymised_at is None and not RetentionRun.objects.exists()


def test_another_systems_schedule_and_records_are_untouched(world, schedule):
    from patroncare.incidents.tests.factories import IncidentFactory

    theirs = IncidentFactory(branch=world.other_system_branch, occurred_at=datetime(2010, 1, 1, tzinfo=UTC))
    services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    theirs.refresh_from_db()
    assert theirs.anonymised_at is None


def test_what_must_still_be_kept_about_a_person_is_listed_with_its_rule(world, schedule):
    from patroncare.retention.selectors import kept_for_person

    someone = person(world)
    old = incident_closed_on(world, date(2019, 1, 1), person=someone)  # past its period: could go now
    recent = incident_closed_on(world, date(2026, 6, 1), person=someone)
    kept = kept_for_person(system=world.system, person_id=someone.pk, today=date(2026, 12, 1))
    assert [(line.kind.code, line.record_id, line.due.on) for line in kept] == [
        ("incidents.incident", recent.pk, date(2029, 6, 2))
    ]
    assert old.pk not in [line.record_id for line in kept]
    services.legal_hold_place(
        actor=world.users["administrator"],
        system=world.system,
        record_type="patrons.person",
        record_id=someone.pk,
        reason="Litigation",
        review_on=date(2027, 1, 1),
    )
    kept = kept_for_person(system=world.system, person_id=someone.pk, today=date(2026, 12, 1))
    assert {line.record_id for line in kept} == {old.pk, recent.pk, someone.pk}
    assert all(line.due.on is None for line in kept)


@pytest.mark.parametrize("action", ["anonymise", "delete"])
def test_an_exclusions_letters_as_sent_leave_storage_with_it(
    world, schedule, action, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from patroncare.conduct.models import Exclusion, Letter

    _set(world, "conduct.exclusion", 3, "years", action)
    exclusion = exclusion_ended_on(world, date(2020, 1, 31), person=person(world), start=date(2020, 1, 1))
    first = Letter(
        exclusion=exclusion,
        kind="notice",
        language="en",
        sha256="a" * 64,
        size=3,
        issued_by=world.users["supervisor"],
        issued_at=timezone.now(),
    )
    first.file.save("notice.pdf", ContentFile(b"%PD"), save=False)
    first.save()
    amended = Letter(
        exclusion=exclusion,
        kind="amended_notice",
        language="en",
        sha256="b" * 64,
        size=3,
        issued_by=world.users["supervisor"],
        issued_at=timezone.now(),
        supersedes=first,
    )
    amended.file.save("amended.pdf", ContentFile(b"%PD"), save=False)
    amended.save()
    storage, names = first.file.storage, [first.file.name, amended.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        report = services.retention_apply(system=world.system, as_of=date(2026, 12, 1))
    assert report.counts["conduct.exclusion"] == 1
    assert not Letter.objects.exists() and not any(storage.exists(name) for name in names)
    assert Exclusion.objects.filter(pk=exclusion.pk).exists() == (action == "anonymise")


def test_the_audit_trail_is_deleted_after_its_period_and_only_the_systems_own(world, schedule):
    from patroncare.audit.events import RECORD_VIEWED
    from patroncare.audit.services import audit_event

    ours = audit_event(RECORD_VIEWED, actor=world.users["administrator"])
    theirs = audit_event(RECORD_VIEWED, actor=world.users["other_system_admin"])
    written = ours.at.astimezone(world.system.zone).date()
    kind = registry.record_type("audit.auditevent")
    due_on = registry.due_of(registry.Schedule(world.system), kind, ours).on
    assert due_on == first_day_past(written, 7, "years")
    assert ours.pk not in _due(world, "audit.auditevent", due_on - timedelta(days=1))
    services.retention_apply(system=world.system, as_of=due_on)
    assert not AuditEvent.objects.filter(pk=ours.pk).exists()
    assert AuditEvent.objects.filter(pk=theirs.pk).exists()
    # The purge's own line, written after it, is kept: it says how many went.
    assert AuditEvent.objects.filter(library_system=world.system, event="retention.records_purged").exists()
