"""The case file leads: a headline, the next step with its deadline and one primary action for this reader."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import presenters, services
from patroncare.complaints.models import Complaint, Kind

from .factories import CategoryFactory, record, respond

pytestmark = pytest.mark.django_db


def _acknowledge(world, complaint):
    return services.complaint_acknowledge(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        message="We are looking into it.",
        channel="email",
    )


def _case(world, **kwargs):
    values = {
        "category": CategoryFactory(system=world.system, name="Fines"),
        "actor": world.users["frontline"],
    }
    values.update(kwargs)
    complaint, _secret = record(branch=world.branch, **values)
    return complaint


def test_the_headline_is_the_category_and_the_first_words(world):
    complaint = _case(
        world,
        category=CategoryFactory(system=world.system, name="Noise"),
        narrative="The group at the tables near the window shouted all afternoon.",
    )
    assert presenters.case_headline(complaint) == "Noise — The group at the tables near the…"


def test_an_untriaged_praise_is_headed_by_its_kind(world):
    complaint = _case(
        world, category=None, kind=Kind.PRAISE, severity="", narrative="Ms Ortiz found my book."
    )
    assert presenters.case_headline(complaint) == "Praise — Ms Ortiz found my book."


def test_an_untriaged_case_needs_triage_by_its_acknowledgement_date(world):
    complaint = _case(world, category=None, severity="")
    step = presenters.next_step(complaint, world.users["frontline"])
    assert (step.key, step.action, step.refused) == ("triage", "triage", "")
    assert step.due_at == complaint.acknowledge_due_at


def test_a_new_moderate_case_is_acknowledged_by_front_line_staff(world):
    step = presenters.next_step(_case(world), world.users["frontline"])
    assert (step.key, step.action) == ("acknowledge", "acknowledge")


def test_a_serious_case_is_acknowledged_only_by_a_supervisor(world):
    complaint = _case(world, severity="serious")
    frontline = presenters.next_step(complaint, world.users["frontline"])
    supervisor = presenters.next_step(complaint, world.users["supervisor"])
    assert (frontline.key, frontline.action) == ("acknowledge", "")
    assert "Only a supervisor of the branch may acknowledge a serious or critical case." in frontline.refused
    assert (supervisor.key, supervisor.action, supervisor.refused) == ("acknowledge", "acknowledge", "")


def test_a_colleague_who_does_not_handle_the_case_is_offered_no_action(world):
    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    step = presenters.next_step(_case(world), colleague)
    assert (step.key, step.action, step.refused) == (
        "acknowledge",
        "",
        "Only those handling the case act on it.",
    )


def test_an_acknowledged_case_needs_its_response_by_the_response_date(world):
    complaint = _acknowledge(world, _case(world))
    step = presenters.next_step(complaint, world.users["frontline"])
    assert (step.key, step.action, step.due_at) == ("respond", "respond", complaint.respond_due_at)


def test_a_reply_from_the_patron_is_answered_first(world):
    complaint = _acknowledge(world, _case(world))
    services.complaint_patron_reply(complaint=complaint, body="It was on Tuesday at 3 pm.")
    step = presenters.next_step(complaint, world.users["frontline"])
    assert (step.key, step.action) == ("reply", "message")
    services.complaint_send_message(
        actor=world.users["frontline"], complaint=complaint, channel="email", body="Thank you."
    )
    assert presenters.next_step(complaint, world.users["frontline"]).key == "respond"


def test_a_responded_case_is_closed_and_a_review_request_is_decided(world):
    complaint = respond(world, _acknowledge(world, _case(world)))
    assert presenters.next_step(complaint, world.users["supervisor"]).key == "close"
    services.complaint_request_review(complaint=complaint, reason="The fine is still on my card.")
    complaint.refresh_from_db()
    step = presenters.next_step(complaint, world.users["supervisor"])
    assert (step.key, step.action, step.due_at) == ("review", "respond", complaint.respond_due_at)


def test_a_closed_case_needs_nothing(world):
    complaint = respond(world, _acknowledge(world, _case(world)))
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="one_off",
        reason="A scanner fault.",
    )
    step = presenters.next_step(complaint, world.users["supervisor"])
    assert (step.key, step.action, step.due_at) == ("closed", "", None)


def test_praise_is_passed_on_by_a_supervisor_then_closed(world):
    complaint = _case(world, kind=Kind.PRAISE, severity="")
    frontline = presenters.next_step(complaint, world.users["frontline"])
    assert (frontline.key, frontline.action) == ("pass_on", "")
    assert frontline.refused == "Only a supervisor of the branch passes praise on."
    assert presenters.next_step(complaint, world.users["supervisor"]).action == "praise"
    services.praise_pass_on(
        actor=world.users["supervisor"], complaint=complaint, staff=[world.users["frontline"]]
    )
    complaint.refresh_from_db()
    assert presenters.next_step(complaint, world.users["supervisor"]).key == "close"


def test_a_triaged_suggestion_is_closed(world):
    complaint = _case(world, kind=Kind.SUGGESTION, severity="")
    assert presenters.next_step(complaint, world.users["frontline"]).key == "close"


def test_a_missed_deadline_is_shown_overdue_in_the_next_step(world, signed_in):
    complaint = _case(world)
    Complaint.objects.filter(pk=complaint.pk).update(acknowledge_due_at=timezone.now() - timedelta(days=1))
    complaint.refresh_from_db()
    assert presenters.next_step(complaint, world.users["frontline"]).overdue
    body = signed_in(world.users["frontline"]).get(reverse("complaints:detail", args=[complaint.pk])).content
    box = body.decode().split('data-next-step="acknowledge"')[1].split("</section>")[0]
    assert "Overdue" in box and "?open=acknowledge#action-acknowledge" in box


def test_the_primary_action_opens_its_form(world, signed_in):
    complaint = _case(world)
    client = signed_in(world.users["frontline"])
    url = reverse("complaints:detail", args=[complaint.pk])
    assert 'id="action-acknowledge" open' not in client.get(url).content.decode()
    assert 'id="action-acknowledge" open' in client.get(url + "?open=acknowledge").content.decode()
    # Only the next step's own form is opened from the address.
    assert 'id="action-close" open' not in client.get(url + "?open=close").content.decode()


def test_the_page_groups_every_action(world, signed_in):
    complaint = _case(world)
    body = signed_in(world.users["supervisor"]).get(reverse("complaints:detail", args=[complaint.pk]))
    body = body.content.decode()
    for heading in ("Reply and notes", "Decide", "Case details"):
        assert heading in body
    for key in ("message", "note", "attach", "triage", "acknowledge", "respond", "extend", "close"):
        assert f'id="action-{key}"' in body
    for key in ("reassign", "link", "merge"):
        assert f'id="action-{key}"' in body


def test_a_restricted_case_keeps_its_headline_from_those_it_names(world, signed_in):
    named = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    complaint = _case(
        world, narrative="The man at the returns desk shouted at my son.", staff_named=[named], severity=""
    )
    assert complaint.restricted
    response = signed_in(named).get(reverse("complaints:detail", args=[complaint.pk]))
    assert response.status_code == 404
    assert "shouted at my son" not in response.content.decode()


@pytest.mark.parametrize("key", ["supervisor", "administrator", "director"])
def test_those_with_authority_are_offered_the_serious_cases_next_step(world, key):
    director = UserFactory(library_system=world.system, roles=[])
    world.system.director = director
    world.system.save()
    user = director if key == "director" else world.users[key]
    complaint = _case(world, severity="serious")
    step = presenters.next_step(complaint, user)
    assert (step.key, step.action, step.refused) == ("acknowledge", "acknowledge", "")


@pytest.mark.parametrize(
    ("key", "status"), [("trustee", 403), ("other_branch_supervisor", 404), ("other_system_admin", 404)]
)
def test_the_next_step_is_never_shown_to_those_who_may_not_read_the_case(world, signed_in, key, status):
    complaint = _case(world)
    response = signed_in(world.users[key]).get(
        reverse("complaints:detail", args=[complaint.pk]) + "?open=acknowledge"
    )
    assert response.status_code == status
    assert "data-next-step" not in response.content.decode()
