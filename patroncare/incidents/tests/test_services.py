from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conduct.services import exclusion_issue
from patroncare.incidents import services
from patroncare.incidents.models import (
    Behaviour,
    CheckIn,
    Debrief,
    Draft,
    Incident,
    Level,
    WritingFlag,
)
from patroncare.incidents.services import PersonEntry
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.models import Person
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome
from patroncare.rulebook.services import rules_install_defaults

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _report(world, **overrides):
    values = dict(
        actor=world.users["frontline"],
        branch=world.branch,
        occurred_at=timezone.now() - timedelta(minutes=20),
        summary="Shouting at the computers",
        narrative="He said 'move or else' to a patron and hit the desk.",
        behaviours=[Behaviour.THREATS],
        people=[PersonEntry(role="subject", card_number="21000123456", description="Green cap")],
    )
    return services.incident_report(**(values | overrides))


def test_a_report_records_people_behaviours_and_level(world):
    incident = _report(world, actions={"police": " 26-004411 ", "asked_to_leave": ""})
    assert incident.level == Level.DANGEROUS
    assert [i.role for i in incident.involvements.order_by("role")] == ["staff", "subject"]
    assert Person.objects.get(system=world.system, card_number="21000123456").description == "Green cap"
    assert dict(incident.actions.values_list("kind", "report_number")) == {
        "police": "26-004411",
        "asked_to_leave": "",
    }


def test_the_same_card_number_is_the_same_person(world):
    first = _report(world)
    second = _report(world, people=[PersonEntry(role="subject", card_number="21000 123456")])
    assert (
        first.involvements.get(role="subject").person_id == second.involvements.get(role="subject").person_id
    )


@pytest.mark.parametrize("card", ["12AB", "123", "21000-12345"])
def test_an_unknown_card_number_is_refused_and_nothing_saved(world, card):
    with pytest.raises(ValidationError, match="not a library card number"):
        _report(world, people=[PersonEntry(role="subject", card_number=card)])
    assert Incident.objects.count() == 0 and Person.objects.count() == 0


def test_a_person_needs_a_card_a_name_or_a_description(world):
    with pytest.raises(ValidationError, match="For each person"):
        _report(world, people=[PersonEntry(role="witness")])
    assert Incident.objects.count() == 0


def test_a_time_in_the_future_is_refused(world):
    with pytest.raises(ValidationError):
        _report(world, occurred_at=timezone.now() + timedelta(hours=2))
    assert Incident.objects.count() == 0


def test_staff_cannot_report_at_a_branch_where_they_do_not_work(world):
    with pytest.raises(ValidationError, match="do not work"):
        _report(world, branch=world.other_branch)
    assert Incident.objects.count() == 0


def test_a_disguised_file_is_refused(world):
    disguised = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="content was checked"):
        _report(world, files=[disguised])
    assert Incident.objects.count() == 0


def test_a_png_named_jpg_is_refused_and_an_oversized_file_too(world):
    with pytest.raises(ValidationError):
        _report(world, files=[SimpleUploadedFile("photo.jpg", PNG)])
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        _report(world, files=[SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024))])
    assert Incident.objects.count() == 0


def test_a_real_photo_is_kept(world):
    incident = _report(world, files=[SimpleUploadedFile("desk.png", PNG)])
    assert list(incident.attachments.values_list("content_type", "original_name")) == [
        ("image/png", "desk.png")
    ]


def test_writing_flags_record_what_was_kept_and_what_was_changed(world):
    incident = _report(
        world,
        narrative="He was rude and shouted 'move' twice.",
        flagged_seen={("housing", "homeless"), ("character", "rude")},
    )
    flags = set(WritingFlag.objects.filter(incident=incident).values_list("category", "term", "kept"))
    assert flags == {("housing", "homeless", False), ("character", "rude", True)}


def test_dangerous_incidents_alert_supervisors_and_security_by_email(
    world, django_capture_on_commit_callbacks, settings
):
    settings.PATRONCARE_BASE_URL = "https://care.riverside.example/"
    UserFactory(
        library_system=world.system,
        email="es.sup@example.org",
        preferred_language="es",
        roles=[(Role.SUPERVISOR, world.branch)],
    )
    with django_capture_on_commit_callbacks(execute=True):
        _report(world)
    # The alerts; the debrief and check-in that are now due are told through the same service.
    alerts = [m for m in mail.outbox if m.subject.startswith(("Incident at", "Incidente en"))]
    recipients = sorted(message.to[0] for message in alerts)
    assert recipients == sorted(
        [world.users["supervisor"].email, world.users["security"].email, "es.sup@example.org"]
    )
    spanish = next(m for m in alerts if m.to == ["es.sup@example.org"])
    assert spanish.subject == "Incidente en Millbrook Branch: Peligroso o ilegal"
    assert "21000123456" not in "".join(m.body for m in mail.outbox)
    assert "https://care.riverside.example/incidents/" in spanish.body


def test_an_annoying_incident_sends_no_alert_and_schedules_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = _report(world, behaviours=[Behaviour.NOISE])
    assert mail.outbox == []
    assert not Debrief.objects.filter(incident=incident).exists()


def test_disruptive_incidents_schedule_a_debrief_and_a_check_in(world):
    incident = _report(world, behaviours=[Behaviour.ABUSIVE_LANGUAGE])
    local_day = timezone.localtime(incident.occurred_at, world.system.zone).date()
    assert Debrief.objects.get(incident=incident).due_on == local_day + timedelta(days=3)
    assert list(CheckIn.objects.filter(incident=incident).values_list("staff_member", flat=True)) == [
        world.users["frontline"].pk
    ]


def test_a_check_in_is_answered_only_by_its_owner(world):
    incident = _report(world)
    checkin = CheckIn.objects.get(incident=incident)
    with pytest.raises(ValidationError):
        services.checkin_answer(
            actor=world.users["supervisor"], checkin=checkin, feeling="ok", would_like="", expected_version=1
        )
    services.checkin_answer(
        actor=world.users["frontline"],
        checkin=checkin,
        feeling="shaken",
        would_like="A short talk tomorrow.",
        share_with=[world.users["supervisor"]],
        expected_version=1,
    )
    checkin.refresh_from_db()
    assert (checkin.feeling, list(checkin.shared_with.all())) == ("shaken", [world.users["supervisor"]])


def test_a_new_incident_with_someone_excluded_is_linked_and_escalates(
    world, django_capture_on_commit_callbacks
):
    rules_install_defaults(system=world.system)
    rule = world.system.conduct_rules.get(code="4")
    person = PersonFactory(system=world.system, card_number="21000999999")
    first = IncidentFactory(
        branch=world.branch, rules=[rule], subject=person, reported_by=world.users["frontline"]
    )
    today = today_in(world.system)
    exclusion = exclusion_issue(
        actor=world.users["supervisor"],
        incident=first,
        person=person,
        outcome=Outcome.LEAVE_DAY,
        start_date=today,
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = _report(
            world,
            behaviours=[Behaviour.NOISE],
            people=[PersonEntry(role="subject", card_number="21000999999")],
        )
    assert list(exclusion.incidents.order_by("pk")) == [first, second]
    assert set(second.behaviours.values_list("behaviour", flat=True)) == {"noise", "while_excluded"}
    assert second.level == Level.DISRUPTIVE
    assert (
        len([m for m in mail.outbox if m.subject.startswith("Incident at")]) == 2
    )  # the rest: aftercare due


def test_a_draft_is_kept_and_replaced(world):
    draft = services.draft_save(
        actor=world.users["frontline"], data={"summary": ["Noise"], "csrfmiddlewaretoken": ["x"]}
    )
    again = services.draft_save(
        actor=world.users["frontline"], key=draft.key, data={"summary": ["Noise again"]}
    )
    assert again.pk == draft.pk and Draft.objects.get().data == {"summary": ["Noise again"]}
    _report(world, draft_key=draft.key)
    assert Draft.objects.count() == 0


def test_another_users_draft_key_does_not_overwrite_theirs(world):
    draft = services.draft_save(actor=world.users["frontline"], data={"summary": ["Mine"]})
    services.draft_save(actor=world.users["supervisor"], key=draft.key, data={"summary": ["Theirs"]})
    draft.refresh_from_db()
    assert draft.data == {"summary": ["Mine"]}
