"""Pages of follow-ups and alerts: who may see and do what, bad input, query counts, and the desk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.conftest import ADMIN_ONLY, ROLE_KEYS, sign_in
from patroncare.incidents.models import AlertReceipt, AlertSettings, FollowUp, Level
from patroncare.incidents.tests.factories import AlertReceiptFactory, FollowUpFactory, IncidentFactory
from patroncare.libraries.calendar import local_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world):
    return IncidentFactory(
        branch=world.branch, reported_by=world.users["frontline"], summary="Kicked the door hard"
    )


@pytest.fixture
def follow_up(incident):
    return FollowUpFactory(incident=incident, description="Ask Hidden Task for the footage")


def _today(world):
    return local_date(world.system, timezone.now())


def _post_as(client, world, key, url, data):
    client.logout()
    if key != "anonymous":
        sign_in(client, world.users[key])
    return client.post(url, data)


def test_a_follow_up_page_is_for_readers_of_the_incident(role_matrix, follow_up):
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
    role_matrix(reverse("incidents:follow_up", args=[follow_up.pk]), expected, hidden_text="Hidden Task")


def test_the_assignee_reads_the_follow_up_but_not_the_incident(signed_in, world, follow_up):
    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    client = signed_in(colleague)
    assert client.get(reverse("incidents:follow_up", args=[follow_up.pk])).status_code == 404
    follow_up.assignee = colleague
    follow_up.save()
    page = client.get(reverse("incidents:follow_up", args=[follow_up.pk])).content.decode()
    assert "Ask Hidden Task for the footage" in page and "Mark done" in page
    assert "Kicked the door hard" not in page and "Reassign" not in page
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor=colleague,
        object_type="incidents.followup",
        object_id=str(follow_up.pk),
    ).exists()


def test_the_follow_ups_page_is_for_supervisors_and_administrators(role_matrix, signed_in, world, follow_up):
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
    role_matrix(reverse("incidents:follow_ups"), expected, hidden_text="Hidden Task")
    page = signed_in(world.users["other_branch_supervisor"]).get(reverse("incidents:follow_ups"))
    assert "Hidden Task" not in page.content.decode()
    page = signed_in(world.users["supervisor"]).get(reverse("incidents:follow_ups"))
    assert "Hidden Task" in page.content.decode()


def test_the_alert_settings_page_is_for_administrators(role_matrix):
    role_matrix(reverse("incidents:alert_settings"), ADMIN_ONLY)


def test_an_administrator_sets_the_escalation_time_and_a_bad_one_is_refused(signed_in, world):
    client = signed_in(world.users["administrator"])
    response = client.post(reverse("incidents:alert_settings"), {"escalate_after_minutes": "1"})
    assert response.status_code == 400 and 'value="1"' in response.content.decode()
    assert not AlertSettings.objects.exists()
    response = client.post(reverse("incidents:alert_settings"), {"escalate_after_minutes": "45"})
    assert response.status_code == 302
    assert AlertSettings.objects.get(system=world.system).escalate_after_minutes == 45


def test_a_supervisor_cannot_change_the_escalation_time(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(
        reverse("incidents:alert_settings"), {"escalate_after_minutes": "45"}
    )
    assert response.status_code == 403 and not AlertSettings.objects.exists()


ADD_EXPECTED = {
    "frontline": 302,  # the reporter
    "supervisor": 302,
    "administrator": 302,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}


def test_who_may_add_a_follow_up(client, world, incident):
    url = reverse("incidents:follow_up_add", args=[incident.pk])
    for key, status in ADD_EXPECTED.items():
        before = FollowUp.objects.count()
        response = _post_as(client, world, key, url, {"description": f"Task by {key}"})
        assert response.status_code == status, key
        added = FollowUp.objects.count() - before
        assert added == (1 if status == 302 and key != "anonymous" else 0), key


def test_adding_with_another_branchs_colleague_keeps_what_was_typed(signed_in, world, incident):
    elsewhere = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.other_branch)])
    response = signed_in(world.users["supervisor"]).post(
        reverse("incidents:follow_up_add", args=[incident.pk]),
        {"description": "Replace the broken hinge", "assignee": elsewhere.pk, "due_on": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose someone who works at this branch or across the whole library system." in page
    assert 'value="Replace the broken hinge"' in page
    assert FollowUp.objects.count() == 0


def test_a_supervisor_assigns_from_the_follow_up_page(signed_in, world, follow_up):
    due = _today(world) + timedelta(days=3)
    response = signed_in(world.users["supervisor"]).post(
        reverse("incidents:follow_up_assign", args=[follow_up.pk]),
        {"assignee": world.users["frontline"].pk, "due_on": due.isoformat(), "version": 1},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.assignee, follow_up.due_on) == (world.users["frontline"], due)


ASSIGN_EXPECTED = {
    "frontline": 403,
    "supervisor": 302,
    "administrator": 302,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("key", list(ASSIGN_EXPECTED))
def test_who_may_assign(client, world, follow_up, key):
    url = reverse("incidents:follow_up_assign", args=[follow_up.pk])
    response = _post_as(client, world, key, url, {"assignee": world.users["security"].pk, "version": 1})
    assert response.status_code == ASSIGN_EXPECTED[key]
    follow_up.refresh_from_db()
    changed = follow_up.assignee_id == world.users["security"].pk
    assert changed == (ASSIGN_EXPECTED[key] == 302 and key != "anonymous")


COMPLETE_EXPECTED = {
    "frontline": 302,  # the assignee
    "supervisor": 302,
    "administrator": 302,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("key", list(COMPLETE_EXPECTED))
def test_who_may_mark_done(client, world, follow_up, key):
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    url = reverse("incidents:follow_up_complete", args=[follow_up.pk])
    response = _post_as(client, world, key, url, {"note": "Footage saved", "version": 1})
    assert response.status_code == COMPLETE_EXPECTED[key]
    follow_up.refresh_from_db()
    assert (follow_up.done_at is not None) == (COMPLETE_EXPECTED[key] == 302 and key != "anonymous")


def test_a_stale_submit_says_so_and_keeps_the_note(signed_in, world, follow_up):
    follow_up.assignee = world.users["frontline"]
    follow_up.save()
    FollowUp.objects.filter(pk=follow_up.pk).update(version=2)  # someone reassigned meanwhile
    response = signed_in(world.users["frontline"]).post(
        reverse("incidents:follow_up_complete", args=[follow_up.pk]),
        {"note": "Saved the footage to the shared drive", "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this record while you were editing it." in page
    assert "Saved the footage to the shared drive" in page
    assert FollowUp.objects.get(pk=follow_up.pk).done_at is None


def test_the_incident_page_lists_follow_ups_with_assignee_due_and_state(signed_in, world, incident):
    today = _today(world)
    FollowUpFactory(
        incident=incident,
        description="Late task",
        assignee=world.users["security"],
        due_on=today - timedelta(days=1),
    )
    FollowUpFactory(incident=incident, description="Unassigned task")
    page = (
        signed_in(world.users["supervisor"])
        .get(reverse("incidents:detail", args=[incident.pk]))
        .content.decode()
    )
    assert "Late task" in page and "Overdue" in page and world.users["security"].full_name in page
    assert "Unassigned task" in page and "Not assigned" in page
    assert "Add the follow-up" in page
    security_page = signed_in(world.users["security"]).get(reverse("incidents:detail", args=[incident.pk]))
    assert "Add the follow-up" not in security_page.content.decode()


def test_follow_ups_page_filters_by_branch_assignee_and_state(signed_in, world, incident):
    today = _today(world)
    FollowUpFactory(incident=incident, description="Open one", assignee=world.users["frontline"])
    FollowUpFactory(incident=incident, description="Late one", due_on=today - timedelta(days=2))
    FollowUpFactory(
        incident=incident,
        description="Done one",
        done_at=timezone.now(),
        done_by=world.users["supervisor"],
        done_note="ok",
    )
    other = IncidentFactory(branch=world.other_branch)
    FollowUpFactory(incident=other, description="Oakton one")
    client = signed_in(world.users["administrator"])
    url = reverse("incidents:follow_ups")

    def shown(query):
        page = client.get(url + query).content.decode()
        return {name for name in ("Open one", "Late one", "Done one", "Oakton one") if name in page}

    assert shown("") == {"Open one", "Late one", "Oakton one"}
    assert shown("?state=overdue") == {"Late one"}
    assert shown("?state=done") == {"Done one"}
    assert shown(f"?branch={world.other_branch.pk}") == {"Oakton one"}
    assert shown(f"?assignee={world.users['frontline'].pk}") == {"Open one"}
    assert shown("?assignee=none&branch=" + str(world.branch.pk)) == {"Late one"}
    assert shown("?state=nonsense&branch=x") == {"Open one", "Late one", "Oakton one"}


def test_follow_ups_page_makes_a_constant_number_of_queries(signed_in, world, django_assert_max_num_queries):
    client = signed_in(world.users["supervisor"])
    for _ in range(3):
        FollowUpFactory(incident=IncidentFactory(branch=world.branch), assignee=world.users["frontline"])
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("incidents:follow_ups"))
    for _ in range(20):
        FollowUpFactory(incident=IncidentFactory(branch=world.branch), assignee=world.users["security"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("incidents:follow_ups"))
    assert response.content.decode().count("/incidents/follow-ups/") >= 23


def test_incident_page_queries_do_not_grow_with_follow_ups_and_receipts(
    signed_in, world, incident, django_assert_max_num_queries
):
    client = signed_in(world.users["supervisor"])
    FollowUpFactory(incident=incident, assignee=world.users["frontline"])
    AlertReceiptFactory(incident=incident, recipient=world.users["security"])
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("incidents:detail", args=[incident.pk]))
    for _ in range(8):
        FollowUpFactory(
            incident=incident,
            assignee=world.users["security"],
            done_at=timezone.now(),
            done_by=world.users["security"],
        )
        AlertReceiptFactory(
            incident=incident,
            recipient=UserFactory(library_system=world.system, roles=[(Role.SECURITY, None)]),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("incidents:detail", args=[incident.pk]))


# Alerts on the incident page and the desk.
@pytest.fixture
def dangerous(world):
    incident = IncidentFactory(
        branch=world.branch, level=Level.DANGEROUS, behaviours=["threats"], summary="Threats at the desk"
    )
    for key in ("supervisor", "security"):
        AlertReceiptFactory(incident=incident, recipient=world.users[key])
    return incident


ACKNOWLEDGE_EXPECTED = {
    "frontline": 404,
    "supervisor": 302,
    "administrator": 404,
    "security": 302,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 404,
    "other_system_admin": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize("key", list(ACKNOWLEDGE_EXPECTED))
def test_who_may_acknowledge_an_alert(client, world, dangerous, key):
    response = _post_as(client, world, key, reverse("incidents:acknowledge", args=[dangerous.pk]), {})
    assert response.status_code == ACKNOWLEDGE_EXPECTED[key]
    acknowledged = set(
        AlertReceipt.objects.filter(acknowledged_at__isnull=False).values_list("recipient", flat=True)
    )
    expected = {world.users[key].pk} if ACKNOWLEDGE_EXPECTED[key] == 302 and key != "anonymous" else set()
    assert acknowledged == expected


def test_the_incident_page_shows_who_was_alerted_to_supervisors_only(signed_in, world, dangerous):
    AlertReceipt.objects.filter(recipient=world.users["security"]).update(acknowledged_at=timezone.now())
    page = (
        signed_in(world.users["administrator"])
        .get(reverse("incidents:detail", args=[dangerous.pk]))
        .content.decode()
    )
    assert "Who was alerted" in page and "Not yet acknowledged" in page
    assert world.users["security"].full_name in page and "acknowledged" in page
    page = (
        signed_in(world.users["security"])
        .get(reverse("incidents:detail", args=[dangerous.pk]))
        .content.decode()
    )
    assert "Who was alerted" not in page and "You said you were on it" in page
    page = (
        signed_in(world.users["supervisor"])
        .get(reverse("incidents:detail", args=[dangerous.pk]))
        .content.decode()
    )
    assert "I&#x27;ve seen this, I&#x27;m on it" in page or "I've seen this, I'm on it" in page


def _desk_sections(client):
    response = client.get(reverse("core:desk"))
    return {section.key: items for section, items in response.context["sections"]}


def test_the_desk_shows_an_unacknowledged_alert_as_urgent_until_acknowledged(signed_in, world, dangerous):
    older = IncidentFactory(
        branch=world.branch,
        level=Level.DANGEROUS,
        behaviours=["violence"],
        summary="Older fight",
        occurred_at=timezone.now() - timedelta(days=2),
    )
    client = signed_in(world.users["supervisor"])
    [first, second] = _desk_sections(client)["incident-alerts"]
    assert "Threats at the desk" in first.title and first.urgent and first.url.endswith("#alert")
    assert "Older fight" in second.title
    client.post(reverse("incidents:acknowledge", args=[dangerous.pk]))
    items = {item.title.split(": ")[-1]: item for item in _desk_sections(client)["incident-alerts"]}
    assert not items["Threats at the desk"].urgent
    assert items["Threats at the desk"].detail.split(" · ")[1].startswith("You acknowledged this at")
    assert older.pk and items["Older fight"].urgent  # no alert was recorded for it


def test_an_old_unacknowledged_alert_stays_on_the_desk(signed_in, world, dangerous):
    from patroncare.incidents.models import Incident

    Incident.objects.filter(pk=dangerous.pk).update(occurred_at=timezone.now() - timedelta(days=6))
    items = _desk_sections(signed_in(world.users["security"]))["incident-alerts"]
    assert [i.urgent for i in items] == [True] and "Threats at the desk" in items[0].title


def test_the_desk_lists_follow_ups_assigned_to_you_with_overdue_ones_urgent(signed_in, world, incident):
    today = _today(world)
    FollowUpFactory(
        incident=incident,
        description="Late",
        assignee=world.users["frontline"],
        due_on=today - timedelta(days=1),
    )
    FollowUpFactory(
        incident=incident,
        description="Later",
        assignee=world.users["frontline"],
        due_on=today + timedelta(days=4),
    )
    FollowUpFactory(incident=incident, description="Someone else's", assignee=world.users["supervisor"])
    FollowUpFactory(
        incident=incident,
        description="Finished",
        assignee=world.users["frontline"],
        done_at=timezone.now(),
        done_by=world.users["frontline"],
    )
    items = _desk_sections(signed_in(world.users["frontline"]))["incident-follow-ups"]
    assert [(i.title.split(": ")[-1], i.overdue, i.urgent) for i in items] == [
        ("Late", True, True),
        ("Later", False, False),
    ]
    assert items[0].url == reverse(
        "incidents:follow_up", args=[incident.follow_ups.get(description="Late").pk]
    )


@pytest.mark.parametrize("key", ["trainer", "trustee"])
def test_roles_without_incident_work_get_no_follow_up_section(signed_in, world, key):
    assert "incident-follow-ups" not in _desk_sections(signed_in(world.users[key]))


def test_the_desk_sections_make_one_query_each(world, incident, dangerous, django_assert_num_queries):
    from patroncare.accounts.permissions import role_scopes
    from patroncare.incidents.shell import dangerous_alerts, follow_ups_assigned

    for n in range(5):
        FollowUpFactory(incident=incident, description=f"T{n}", assignee=world.users["supervisor"])
    user = world.users["supervisor"]
    role_scopes(user)
    _ = user.library_system
    with django_assert_num_queries(1):
        assert len(follow_ups_assigned(user)) == 5
    with django_assert_num_queries(1):
        assert len(dangerous_alerts(user)) == 1


def test_every_role_key_is_covered():
    assert set(ACKNOWLEDGE_EXPECTED) == set(ROLE_KEYS) | {"anonymous"}
    assert set(COMPLETE_EXPECTED) == set(ASSIGN_EXPECTED) == set(ADD_EXPECTED) == set(ACKNOWLEDGE_EXPECTED)
