"""A person's page: what the library holds about them, each record only for those who may already see it."""

import pytest
from django.urls import reverse

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.audit.rendering import render_event
from patroncare.patrons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _page(signed_in, user, person):
    return signed_in(user).get(reverse("patrons:detail", args=[person.pk]))


def test_a_supervisor_of_the_branch_sees_the_same_person_across_the_three_modules(world, held, signed_in):
    response = _page(signed_in, world.users["supervisor"], held.person)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Robin Alvarez" in page and "21000099" in page and "robin.alvarez@example.net" in page
    assert reverse("complaints:detail", args=[held.complaint.pk]) in page
    assert reverse("incidents:detail", args=[held.incident.pk]) in page
    assert reverse("conduct:exclusion_detail", args=[held.exclusion.pk]) in page
    assert "Appeal received" in page


def test_the_read_is_audited_without_the_name_in_the_summary(world, held, signed_in):
    _page(signed_in, world.users["supervisor"], held.person)
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="patrons.person").latest("id")
    assert (event.object_id, event.event) == (str(held.person.pk), "patrons.person_viewed")
    assert render_event(event).summary == f"Person #{held.person.pk} viewed"


def test_front_line_staff_see_only_the_complaint_they_recorded(world, held, signed_in):
    page = _page(signed_in, world.users["frontline"], held.person).content.decode()
    assert reverse("complaints:detail", args=[held.complaint.pk]) in page
    assert reverse("incidents:detail", args=[held.incident.pk]) not in page
    assert reverse("conduct:exclusion_detail", args=[held.exclusion.pk]) not in page
    assert "Merge with another record" not in page


def test_front_line_staff_get_404_for_someone_they_have_no_record_of(world, signed_in):
    stranger = PersonFactory(system=world.system, name="Sam Stranger")
    response = _page(signed_in, world.users["frontline"], stranger)
    assert response.status_code == 404 and "Sam Stranger" not in response.content.decode()


def test_a_supervisor_of_another_branch_finds_the_person_but_none_of_the_other_branch_records(
    world, held, signed_in
):
    page = _page(signed_in, world.users["other_branch_supervisor"], held.person).content.decode()
    assert "Robin Alvarez" in page
    assert reverse("complaints:detail", args=[held.complaint.pk]) not in page
    assert reverse("incidents:detail", args=[held.incident.pk]) not in page
    assert reverse("conduct:exclusion_detail", args=[held.exclusion.pk]) not in page


def test_a_restricted_complaint_is_left_out_for_a_supervisor_it_names(world, held, signed_in):
    held.complaint.restricted = True
    held.complaint.save()
    held.complaint.staff_named.set([world.users["supervisor"]])
    page = _page(signed_in, world.users["supervisor"], held.person).content.decode()
    assert reverse("complaints:detail", args=[held.complaint.pk]) not in page
    assert reverse("incidents:detail", args=[held.incident.pk]) in page


def test_the_page_per_role(world, held, role_matrix):
    role_matrix(
        reverse("patrons:detail", args=[held.person.pk]),
        {
            "frontline": 200,  # through the complaint they recorded
            "supervisor": 200,
            "administrator": 200,
            "security": 200,  # through the incident they may read
            "trainer": 404,
            "trustee": 404,
            "other_branch_supervisor": 200,
            "other_system_admin": 404,
            "anonymous": 302,
        },
        hidden_text="Robin Alvarez",
    )


def test_the_list_per_role(world, held, role_matrix):
    role_matrix(
        reverse("patrons:list"),
        {
            "frontline": 403,
            "supervisor": 200,
            "administrator": 200,
            "security": 403,
            "trainer": 403,
            "trustee": 403,
            "other_branch_supervisor": 200,
            "other_system_admin": 200,  # their own system's list, without this person
            "anonymous": 302,
        },
        hidden_text="Robin Alvarez",
    )


@pytest.mark.parametrize("query", ["21000099", "alvarez", "ROBIN.ALVAREZ@example.net"])
def test_the_list_finds_a_person_by_card_name_or_e_mail(world, held, signed_in, query):
    PersonFactory(system=world.system, name="Jordan Other", email="jordan@example.net")
    page = signed_in(world.users["supervisor"]).get(reverse("patrons:list"), {"q": query}).content.decode()
    assert reverse("patrons:detail", args=[held.person.pk]) in page
    assert "Jordan Other" not in page


def test_the_list_makes_the_same_number_of_queries_whatever_its_length(
    world, signed_in, django_assert_num_queries
):
    client = signed_in(world.users["supervisor"])
    PersonFactory.create_batch(2, system=world.system)
    client.get(reverse("patrons:list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("patrons:list"))
    PersonFactory.create_batch(10, system=world.system)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("patrons:list"))
