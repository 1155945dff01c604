"""The desk record form: where and when it happened, severity guidance, and a complaint resolved now."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints.models import Complaint, Outcome, Status
from patroncare.complaints.models.choices import SEVERITY_GUIDANCE, Severity
from patroncare.conftest import sign_in
from patroncare.libraries.models import Location
from patroncare.libraries.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def _data(world, **overrides):
    values = {
        "narrative": "Charged twice for printing.",
        "channel": "desk",
        "branch": world.branch.pk,
        "kind": "complaint",
        "severity": "",
        "patron_language": "en",
        "occurred_at": "2026-01-05T16:00",
    }
    values.update(overrides)
    return values


def test_the_form_defaults_to_now_in_the_library_time_zone(world, client):
    world.system.time_zone = "America/Los_Angeles"
    world.system.save()
    sign_in(client, world.users["frontline"])
    before = timezone.localtime(timezone.now(), world.system.zone)
    page = client.get(reverse("complaints:create")).content.decode()
    after = timezone.localtime(timezone.now(), world.system.zone)
    shown = {f'value="{moment:%Y-%m-%dT%H:%M}"' for moment in (before, after)}
    assert any(value in page for value in shown)


def test_the_time_typed_is_the_librarys_local_time(world, client):
    sign_in(client, world.users["frontline"])
    assert client.post(reverse("complaints:create"), _data(world)).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.occurred_at == datetime(2026, 1, 5, 16, 0, tzinfo=world.system.zone)


def test_locations_offered_are_those_of_the_users_branches(world, client):
    LocationFactory(branch=world.other_branch, name="Oakton teen room")
    sign_in(client, world.users["frontline"])
    page = client.get(reverse("complaints:create")).content.decode()
    assert "Millbrook Branch: Children&#x27;s area" in page
    assert "Oakton teen room" not in page


def test_location_and_time_are_stored_and_shown_on_the_case_file(world, client):
    place = Location.objects.get(branch=world.branch, name="Children's area")
    sign_in(client, world.users["frontline"])
    client.post(reverse("complaints:create"), _data(world, location=place.pk))
    complaint = Complaint.objects.get()
    assert complaint.location == place
    # Recording leads to the receipt; the case file shows where and when.
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Children&#x27;s area" in page and "Happened" in page
    assert 'datetime="2026-01-05T16:00:00-06:00"' in page  # shown in the library's time zone


def test_a_location_of_another_branch_is_refused_and_nothing_saved(world, client):
    other_place = LocationFactory(branch=world.other_branch, name="Oakton teen room")
    sign_in(client, world.users["administrator"])  # sees both branches, so both places are offered
    response = client.post(reverse("complaints:create"), _data(world, location=other_place.pk))
    assert response.status_code == 400
    assert "That place is in another branch" in response.content.decode()
    assert Complaint.objects.count() == 0
    client.logout()
    sign_in(client, world.users["frontline"])  # another branch's place is not even a choice
    assert client.post(reverse("complaints:create"), _data(world, location=other_place.pk)).status_code == 400
    assert Complaint.objects.count() == 0


def test_a_time_in_the_future_is_refused(world, client):
    sign_in(client, world.users["frontline"])
    tomorrow = timezone.localtime(timezone.now(), world.system.zone) + timedelta(days=1)
    response = client.post(
        reverse("complaints:create"), _data(world, occurred_at=f"{tomorrow:%Y-%m-%dT%H:%M}")
    )
    assert response.status_code == 400 and "in the future" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_missing_time_is_asked_for(world, client):
    sign_in(client, world.users["frontline"])
    response = client.post(reverse("complaints:create"), _data(world, occurred_at=""))
    assert response.status_code == 400 and Complaint.objects.count() == 0


def test_severity_guidance_is_shown_beside_the_choice(world, client):
    sign_in(client, world.users["frontline"])
    page = client.get(reverse("complaints:create")).content.decode()
    assert 'id="severity-guidance"' in page
    for value in Severity.values:
        assert str(SEVERITY_GUIDANCE[value]).replace("'", "&#x27;") in page


def test_a_minor_complaint_resolved_now_by_front_line_staff_is_closed_at_once(world, client):
    sign_in(client, world.users["frontline"])
    data = _data(world, severity="minor", resolved_now="on", resolution="Refunded the second print charge.")
    response = client.post(reverse("complaints:create"), data, follow=True)
    assert response.status_code == 200
    assert "closed as resolved at first contact" in response.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.status == Status.CLOSED and complaint.outcome == Outcome.FIRST_CONTACT
    assert complaint.judgement == "one_off"
    assert complaint.judgement_reason == "Refunded the second print charge."
    assert complaint.closed_at is not None and complaint.acknowledged_at is not None


@pytest.mark.parametrize("severity", ["serious", "critical"])
def test_a_serious_complaint_resolved_now_by_front_line_staff_is_refused_and_nothing_saved(
    world, client, severity
):
    sign_in(client, world.users["frontline"])
    data = _data(world, severity=severity, resolved_now="on", resolution="Said sorry.")
    response = client.post(reverse("complaints:create"), data)
    assert response.status_code == 400
    assert "Only a supervisor of the branch may resolve a serious or critical case." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert 'value="Said sorry."' not in response.content.decode()  # a textarea keeps its text inside
    assert "Said sorry." in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_supervisor_may_resolve_a_serious_complaint_now(world, client):
    sign_in(client, world.users["supervisor"])
    data = _data(world, severity="serious", resolved_now="on", resolution="Apologised in person.")
    assert client.post(reverse("complaints:create"), data).status_code == 302
    assert Complaint.objects.get().status == Status.CLOSED


def test_resolved_now_needs_a_severity_and_what_was_done(world, client):
    sign_in(client, world.users["frontline"])
    response = client.post(reverse("complaints:create"), _data(world, resolved_now="on"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the severity of a complaint resolved now." in page
    assert "Say what was done to put it right." in page
    assert Complaint.objects.count() == 0


def test_a_complaint_about_staff_is_not_resolved_now(world, client):
    named = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    sign_in(client, world.users["frontline"])
    data = _data(world, severity="minor", resolved_now="on", resolution="Said sorry.", staff_named=[named.pk])
    response = client.post(reverse("complaints:create"), data)
    assert response.status_code == 400 and "goes to a supervisor" in response.content.decode()
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("key", ["trustee", "security", "trainer"])
def test_roles_that_do_not_record_complaints_are_refused(world, client, key):
    sign_in(client, world.users[key])
    assert client.post(reverse("complaints:create"), _data(world)).status_code == 403
    assert Complaint.objects.count() == 0


def test_another_systems_branch_is_refused(world, client):
    sign_in(client, world.users["other_system_admin"])
    response = client.post(reverse("complaints:create"), _data(world))
    assert response.status_code == 400 and Complaint.objects.count() == 0
