from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.incidents.models import CheckIn, Draft, Incident, WritingFlag
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.services import rules_install_defaults

pytestmark = pytest.mark.django_db

REPORTERS = {
    "frontline": 200,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}


@pytest.fixture
def incident(world):
    return IncidentFactory(
        branch=world.branch,
        reported_by=world.users["frontline"],
        summary="Kicked the door hard",
        subject=PersonFactory(system=world.system, name="Jordan Hidden"),
    )


@pytest.mark.parametrize("url_name", ["incidents:list", "incidents:report"])
def test_incident_pages_are_for_reporting_staff(role_matrix, incident, url_name):
    role_matrix(reverse(url_name), REPORTERS, hidden_text="Kicked the door hard")


def test_another_branch_supervisor_does_not_see_the_incident_in_the_list(signed_in, world, incident):
    response = signed_in(world.users["other_branch_supervisor"]).get(reverse("incidents:list"))
    assert "Kicked the door hard" not in response.content.decode()


def test_incident_detail_is_for_its_branch_and_its_reporter(role_matrix, incident):
    expected = {
        "frontline": 200,
        "supervisor": 200,
        "administrator": 200,
        "security": 200,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 404,
        "other_system_admin": 404,
        "anonymous": 302,
    }
    role_matrix(reverse("incidents:detail", args=[incident.pk]), expected, hidden_text="Jordan Hidden")


def test_front_line_staff_read_only_their_own_reports(signed_in, world):
    colleague_report = IncidentFactory(branch=world.branch)
    response = signed_in(world.users["frontline"]).get(
        reverse("incidents:detail", args=[colleague_report.pk])
    )
    assert response.status_code == 404


def test_reading_an_incident_is_audited(signed_in, world, incident):
    signed_in(world.users["supervisor"]).get(reverse("incidents:detail", args=[incident.pk]))
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.VIEW,
            object_type="incidents.incident",
            object_id=str(incident.pk),
            actor=world.users["supervisor"],
        ).count()
        == 1
    )


def test_patterns_are_for_supervisors_and_administrators(role_matrix, incident):
    expected = {
        "frontline": 403,
        "supervisor": 200,
        "administrator": 200,
        "security": 403,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 200,
        "other_system_admin": 200,
        "anonymous": 302,
    }
    role_matrix(reverse("incidents:patterns"), expected, hidden_text="Millbrook Branch")


def test_a_check_in_is_private_to_its_owner(role_matrix, world, incident):
    checkin = CheckIn.objects.create(
        incident=incident, staff_member=world.users["frontline"], due_on=timezone.localdate()
    )
    expected = {
        "frontline": 200,
        "supervisor": 404,
        "administrator": 404,
        "security": 404,
        "trainer": 403,
        "trustee": 403,
        "other_branch_supervisor": 404,
        "other_system_admin": 404,
        "anonymous": 302,
    }
    role_matrix(reverse("incidents:checkin", args=[checkin.pk]), expected)


def _post_data(world, **overrides):
    local_now = timezone.localtime(timezone.now() - timedelta(minutes=30), world.system.zone)
    data = {
        "branch": world.branch.pk,
        "location": "",
        "occurred_at": local_now.strftime("%Y-%m-%dT%H:%M"),
        "behaviours": ["abusive_language"],
        "summary": "Insults at the desk",
        "narrative": "He was rude and called Maria a 'useless idiot' twice.",
        "actions": ["warned", "police"],
        "police_report": "26-1187",
        "ems_report": "",
        "injuries": "",
        "damage": "",
        "follow_ups": "Check camera 2",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "8",
        "people-0-role": "subject",
        "people-0-card_number": "21000555111",
        "people-0-description": "Blue rain jacket",
        "flagged_seen": ["housing|homeless"],
    }
    return data | overrides


def test_reporting_an_incident_through_the_form(signed_in, world):
    response = signed_in(world.users["frontline"]).post(reverse("incidents:report"), _post_data(world))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == reverse("incidents:detail", args=[incident.pk])
    assert incident.involvements.get(role="subject").person.card_number == "21000555111"
    assert incident.actions.get(kind="police").report_number == "26-1187"
    assert list(incident.follow_ups.values_list("description", flat=True)) == ["Check camera 2"]
    assert set(WritingFlag.objects.values_list("term", "kept")) == {("homeless", False), ("rude", True)}


def test_colleagues_involved_get_a_check_in(signed_in, world):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory

    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    page = signed_in(world.users["frontline"]).get(reverse("incidents:report")).content.decode()
    assert colleague.full_name in page and elsewhere.full_name not in page
    signed_in(world.users["frontline"]).post(
        reverse("incidents:report"), _post_data(world, staff_involved=[colleague.pk])
    )
    incident = Incident.objects.get()
    assert set(CheckIn.objects.filter(incident=incident).values_list("staff_member", flat=True)) == {
        world.users["frontline"].pk,
        colleague.pk,
    }


def test_bad_input_keeps_what_was_typed_and_saves_nothing(signed_in, world):
    data = _post_data(world, **{"people-0-card_number": "ABC12"})
    response = signed_in(world.users["frontline"]).post(reverse("incidents:report"), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "not a library card number" in content
    assert "called Maria a" in content and "Blue rain jacket" in content
    assert Incident.objects.count() == 0


def test_a_time_in_the_future_is_a_clear_error(signed_in, world):
    later = timezone.localtime(timezone.now() + timedelta(hours=3), world.system.zone)
    response = signed_in(world.users["frontline"]).post(
        reverse("incidents:report"), _post_data(world, occurred_at=later.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    assert Incident.objects.count() == 0


def test_a_trustee_cannot_report_and_nothing_changes(signed_in, world):
    response = signed_in(world.users["trustee"]).post(reverse("incidents:report"), _post_data(world))
    assert response.status_code == 403 and Incident.objects.count() == 0


def test_writing_help_answers_with_suggestions(signed_in, world):
    response = signed_in(world.users["frontline"]).post(
        reverse("incidents:writing_help"),
        {"narrative": "Un indigente muy grosero.", "flagged_seen": ["x|y"]},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<mark>indigente</mark>" in content and "<mark>grosero</mark>" in content
    assert 'value="housing|indigente"' in content and "x|y" not in content


def test_autosave_keeps_a_draft_and_reopens_it(signed_in, world):
    client = signed_in(world.users["frontline"])
    response = client.post(
        reverse("incidents:draft_save"),
        {"summary": "Half written", "narrative": "He said"},
        HTTP_HX_REQUEST="true",
    )
    draft = Draft.objects.get(author=world.users["frontline"])
    assert str(draft.key) in response.content.decode()
    page = client.get(reverse("incidents:report") + f"?draft={draft.key}").content.decode()
    assert 'id="server-draft"' in page and "Half written" in page


def test_incident_list_makes_a_constant_number_of_queries(signed_in, world, django_assert_max_num_queries):
    client = signed_in(world.users["supervisor"])
    IncidentFactory.create_batch(3, branch=world.branch, behaviours=["noise", "threats"])
    with django_assert_max_num_queries(14) as small:
        client.get(reverse("incidents:list"))
    IncidentFactory.create_batch(20, branch=world.branch, behaviours=["noise", "threats"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("incidents:list"))
    assert response.content.decode().count("incidents/") >= 23


def test_recording_a_debrief(signed_in, world):
    rules_install_defaults(system=world.system)
    client = signed_in(world.users["frontline"])
    client.post(reverse("incidents:report"), _post_data(world))
    incident = Incident.objects.get()
    client = signed_in(world.users["supervisor"])
    today = timezone.localtime(timezone.now(), world.system.zone).date()
    response = client.post(
        reverse("incidents:debrief", args=[incident.pk]),
        {"held_on": today.isoformat(), "notes": "Walked through it; will add a second person.", "version": 1},
    )
    assert response.status_code == 302
    incident.debrief.refresh_from_db()
    assert incident.debrief.held_by == world.users["supervisor"]


def test_the_old_retention_address_leads_to_the_schedule(signed_in, world):
    response = signed_in(world.users["administrator"]).get(reverse("incidents:retention"))
    assert response.status_code == 302 and response.url == reverse("retention:schedule")


@pytest.mark.parametrize("role", ["trainer", "trustee"])
def test_roles_without_incidents_cannot_autosave_or_check_writing(signed_in, world, role):
    client = signed_in(world.users[role])
    assert client.post(reverse("incidents:draft_save"), {"summary": "x"}).status_code == 403
    assert client.post(reverse("incidents:writing_help"), {"narrative": "homeless"}).status_code == 403
    assert Draft.objects.count() == 0


def test_a_debrief_by_another_branch_is_refused_and_nothing_changes(signed_in, world):
    client = signed_in(world.users["frontline"])
    client.post(reverse("incidents:report"), _post_data(world))
    incident = Incident.objects.get()
    response = signed_in(world.users["other_branch_supervisor"]).post(
        reverse("incidents:debrief", args=[incident.pk]),
        {"held_on": "2026-01-01", "notes": "x", "version": 1},
    )
    assert response.status_code == 404
    incident.debrief.refresh_from_db()
    assert incident.debrief.held_on is None
