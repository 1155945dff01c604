"""Promises kept: every action promised to a patron has an owner and a due date, sits on its owner's desk,
shows its progress to the patron, and is marked done only by its owner or an overseer of the case."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import services
from patroncare.complaints.models import Complaint, OutstandingAction
from patroncare.complaints.shell import action_items
from patroncare.conftest import sign_in

from .factories import record

pytestmark = pytest.mark.django_db


def _today(world):
    return timezone.localdate(timezone=world.system.zone)


@pytest.fixture
def people(world):
    director = UserFactory(library_system=world.system, full_name="Dana Director", roles=[])
    world.system.director = director
    world.system.save()
    return {
        **world.users,
        "director": director,
        "keeper": UserFactory(
            library_system=world.system, full_name="Kim Keeper", roles=[(Role.FRONTLINE, world.branch)]
        ),
        "colleague": UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)]),
        "named": UserFactory(
            library_system=world.system, full_name="Ned Named", roles=[(Role.FRONTLINE, world.branch)]
        ),
    }


def _respond(world, complaint, actions, actor=None):
    return services.complaint_respond(
        actor=actor or world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        outcome="upheld",
        reasons="The fine was charged in error.",
        remedies=["apology", "fee_waived"],
        remedy_detail="We removed the fine.",
        outstanding=actions,
        review_info="Ask for a review from the status page.",
        channel="letter",
    )


def _action(description, owner, days=3, world=None):
    return {
        "description": description,
        "owner": owner,
        "due_date": _today(world) + timedelta(days=days),
    }


@pytest.fixture
def answered(world, people):
    """A case answered with one promise kept by a front-line colleague."""
    complaint, secret = record(actor=world.users["frontline"], branch=world.branch, severity="moderate")
    _respond(world, complaint, [_action("Check the returns scanner", people["keeper"], world=world)])
    complaint.refresh_from_db()
    complaint.secret = secret
    return complaint


@pytest.fixture
def restricted(world, people):
    complaint, _secret = record(
        actor=world.users["frontline"],
        branch=world.branch,
        narrative="The man at the returns desk shouted at my son.",
        staff_named=[people["named"]],
        severity="serious",
    )
    return complaint


def test_the_response_gives_each_action_its_owner_and_due_date(world, people, answered):
    action = OutstandingAction.objects.get(complaint=answered)
    assert action.owner == people["keeper"]
    assert action.due_date == _today(world) + timedelta(days=3)
    assert action.created_by == world.users["supervisor"] and action.done_at is None


@pytest.mark.parametrize(
    "owner_key", ["other_branch_supervisor", "other_system_admin", "trustee", "security"]
)
def test_an_owner_who_may_not_handle_the_case_is_refused_and_nothing_is_sent(world, people, owner_key):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    with pytest.raises(ValidationError):
        _respond(world, complaint, [_action("Call back", people[owner_key], world=world)])
    complaint.refresh_from_db()
    assert complaint.status == "new" and not complaint.responses.exists() and not complaint.actions.exists()


def test_a_due_date_in_the_past_is_refused(world, people):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    with pytest.raises(ValidationError, match="cannot be in the past"):
        _respond(world, complaint, [_action("Call back", people["keeper"], days=-1, world=world)])
    assert not complaint.responses.exists() and not complaint.actions.exists()


def test_today_in_the_library_time_zone_is_accepted(world, people):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    _respond(world, complaint, [_action("Call back", people["keeper"], days=0, world=world)])
    assert complaint.actions.get().due_date == _today(world)


@pytest.mark.parametrize("owner_key", ["named", "keeper", "other_branch_supervisor"])
def test_in_a_restricted_case_only_those_who_read_it_own_its_actions(world, people, restricted, owner_key):
    with pytest.raises(ValidationError):
        _respond(world, restricted, [_action("Meet the patron", people[owner_key], world=world)])
    assert not restricted.actions.exists()
    _respond(world, restricted, [_action("Meet the patron", people["supervisor"], world=world)])
    assert restricted.actions.get().owner == people["supervisor"]


def test_the_named_staff_member_is_not_offered_as_owner(world, people, restricted, client):
    sign_in(client, people["supervisor"])
    page = client.get(reverse("complaints:detail", args=[restricted.pk])).content.decode()
    assert 'id="id_respond_outstanding_owner"' in page
    assert "Ned Named" not in page.split('id="id_respond_outstanding_owner"')[1].split("</select>")[0]


def test_the_response_form_asks_for_owner_and_date_of_the_actions(world, people, client):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    sign_in(client, people["supervisor"])
    data = {
        "version": complaint.version,
        "outcome": "upheld",
        "reasons": "We got it wrong.",
        "remedies": ["apology"],
        "remedy_detail": "Apologised.",
        "outstanding": "Call the patron back",
        "review_info": "Ask from the status page.",
        "channel": "letter",
    }
    response = client.post(reverse("complaints:respond", args=[complaint.pk]), data)
    assert response.status_code == 400
    assert "Choose who keeps these promises." in response.content.decode()
    past = (_today(world) - timedelta(days=1)).isoformat()
    data.update(outstanding_owner=people["keeper"].pk, outstanding_due=past)
    response = client.post(reverse("complaints:respond", args=[complaint.pk]), data)
    assert response.status_code == 400 and "cannot be in the past" in response.content.decode()
    assert not complaint.responses.exists()
    data["outstanding_due"] = (_today(world) + timedelta(days=5)).isoformat()
    assert client.post(reverse("complaints:respond", args=[complaint.pk]), data).status_code == 302
    action = complaint.actions.get()
    assert (action.owner, action.due_date) == (people["keeper"], _today(world) + timedelta(days=5))


# Adding an action on the case file after the response: (status, added)
ADD = {
    "supervisor": (302, True),
    "director": (302, True),
    "administrator": (302, True),
    "frontline": (302, True),  # the recorder handles the case
    "colleague": (403, False),  # sees the case, does not handle it
    "trustee": (403, False),
    "other_branch_supervisor": (404, False),
    "other_system_admin": (404, False),
}


@pytest.mark.parametrize("key", sorted(ADD))
def test_adding_an_action_after_the_response_per_role(world, people, answered, client, key):
    status, added = ADD[key]
    sign_in(client, people[key])
    data = {
        "description": "Send the new opening hours leaflet",
        "owner": people["keeper"].pk,
        "due_date": (_today(world) + timedelta(days=2)).isoformat(),
    }
    response = client.post(reverse("complaints:action_add", args=[answered.pk]), data)
    assert response.status_code == status
    assert answered.actions.filter(description=data["description"]).exists() is added
    if added:
        assert AuditEvent.objects.filter(event="complaints.action_added", object_id=str(answered.pk)).exists()


def test_an_action_is_added_only_after_the_response_and_never_in_the_past(world, people, client):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch)
    sign_in(client, people["supervisor"])
    data = {
        "description": "Call back",
        "owner": people["keeper"].pk,
        "due_date": (_today(world) + timedelta(days=2)).isoformat(),
    }
    response = client.post(reverse("complaints:action_add", args=[complaint.pk]), data)
    assert response.status_code == 400 and "once the response has been sent" in response.content.decode()
    assert not complaint.actions.exists()


def test_an_added_action_due_yesterday_is_refused(world, people, answered, client):
    sign_in(client, people["supervisor"])
    data = {
        "description": "Call back",
        "owner": people["keeper"].pk,
        "due_date": (_today(world) - timedelta(days=1)).isoformat(),
    }
    response = client.post(reverse("complaints:action_add", args=[answered.pk]), data)
    assert response.status_code == 400 and "cannot be in the past" in response.content.decode()
    assert answered.actions.count() == 1


def test_in_a_restricted_case_the_named_staff_member_sees_nothing_and_adds_nothing(
    world, people, restricted, client
):
    _respond(world, restricted, [_action("Meet the patron", people["supervisor"], world=world)])
    sign_in(client, people["named"])
    data = {"description": "x", "owner": people["named"].pk, "due_date": _today(world).isoformat()}
    assert client.post(reverse("complaints:action_add", args=[restricted.pk]), data).status_code == 404
    action = restricted.actions.get()
    assert client.post(reverse("complaints:action_done", args=[action.pk])).status_code == 404
    action.refresh_from_db()
    assert action.done_at is None and restricted.actions.count() == 1
    assert action_items(people["named"]) == []


# Marking done: (status, done)
DONE = {
    "keeper": (302, True),  # the owner
    "supervisor": (302, True),
    "director": (302, True),
    "administrator": (302, True),
    "frontline": (403, False),  # handles the case but neither owns the action nor oversees
    "colleague": (403, False),
    "trustee": (403, False),
    "other_branch_supervisor": (404, False),
    "other_system_admin": (404, False),
}


@pytest.mark.parametrize("key", sorted(DONE))
def test_marking_done_per_role(world, people, answered, client, key):
    status, done = DONE[key]
    action = answered.actions.get()
    sign_in(client, people[key])
    response = client.post(reverse("complaints:action_done", args=[action.pk]))
    assert response.status_code == status
    action.refresh_from_db()
    assert (action.done_at is not None) is done
    audited = AuditEvent.objects.filter(event="complaints.action_done", object_id=str(answered.pk))
    assert audited.exists() is done
    if done:
        assert action.done_by == people[key]


def test_the_service_refuses_someone_who_may_not_mark_it_done(world, people, answered):
    action = answered.actions.get()
    with pytest.raises(PermissionDenied):
        services.action_complete(actor=people["colleague"], action=action)
    action.refresh_from_db()
    assert action.done_at is None


def test_the_desk_lists_the_owners_actions_overdue_first(world, people, answered, client):
    later = answered.actions.get()
    late = OutstandingAction.objects.create(
        complaint=answered,
        description="Replace the broken sign",
        owner=people["keeper"],
        due_date=_today(world) - timedelta(days=2),
    )
    OutstandingAction.objects.create(
        complaint=answered,
        description="Already done",
        owner=people["keeper"],
        due_date=_today(world),
        done_at=timezone.now(),
    )
    OutstandingAction.objects.create(
        complaint=answered, description="Someone else's", owner=people["supervisor"], due_date=_today(world)
    )
    items = action_items(people["keeper"])
    assert [item.title for item in items] == [
        f"{answered.reference} · {late.description}",
        f"{answered.reference} · {later.description}",
    ]
    assert items[0].overdue and not items[1].overdue
    assert items[0].url == reverse("complaints:detail", args=[answered.pk]) + "#case-actions"
    sign_in(client, people["keeper"])
    page = client.get(reverse("core:desk")).content.decode()
    assert "Actions you promised" in page and "Replace the broken sign" in page
    assert "Already done" not in page and "Someone else&#x27;s" not in page


def test_the_desk_leaves_out_a_restricted_case_its_owner_may_no_longer_read(world, people, answered):
    answered.staff_named.add(people["keeper"])
    Complaint.objects.filter(pk=answered.pk).update(restricted=True)
    assert action_items(people["keeper"]) == []


def test_the_desk_of_another_system_shows_nothing(world, people, answered):
    assert action_items(world.users["other_system_admin"]) == []


def test_the_patron_sees_progress_and_no_staff_names(world, people, answered, client):
    client.cookies["django_language"] = "en"  # the patron switched to English
    action = answered.actions.get()
    OutstandingAction.objects.create(
        complaint=answered,
        description="Send a written apology",
        owner=people["keeper"],
        due_date=_today(world) + timedelta(days=9),
        done_at=timezone.now(),
        done_by=people["keeper"],
    )
    client.post(
        reverse("complaints_public:status"), {"reference": answered.reference, "secret": answered.secret}
    )
    page = client.get(reverse("complaints_public:status")).content.decode()
    assert "What we promised to do" in page
    assert action.description in page and "Send a written apology" in page
    assert action.due_date.isoformat() in page
    assert "Not done yet" in page and "Done" in page
    for member in (people["keeper"], world.users["supervisor"], world.users["frontline"]):
        assert member.full_name not in page


def test_the_case_file_shows_owner_due_date_and_overdue(world, people, answered, client):
    OutstandingAction.objects.filter(complaint=answered).update(due_date=_today(world) - timedelta(days=1))
    sign_in(client, people["supervisor"])
    page = client.get(reverse("complaints:detail", args=[answered.pk])).content.decode()
    assert "Kim Keeper" in page and "Overdue" in page and "Mark done" in page
    client.logout()
    sign_in(client, people["colleague"])
    page = client.get(reverse("complaints:detail", args=[answered.pk])).content.decode()
    assert "Check the returns scanner" in page and "Mark done" not in page


def test_the_owner_choices_do_not_cost_a_query_per_member_of_staff(
    world, people, answered, client, django_assert_max_num_queries
):
    sign_in(client, people["supervisor"])
    url = reverse("complaints:detail", args=[answered.pk])
    client.get(url)
    with django_assert_max_num_queries(200) as few:
        client.get(url)
    for _n in range(12):
        UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
