"""A complaint's patron is a person record: intake creates or finds them, search finds cases by them."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from patroncare.complaints import selectors
from patroncare.complaints.models import Complaint
from patroncare.complaints.tests.factories import ComplaintFactory, record, submit
from patroncare.patrons.models import Person
from patroncare.patrons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_desk_record_makes_one_person_with_the_patrons_contact(world):
    complaint, _ = record(
        actor=world.users["frontline"],
        branch=world.branch,
        patron_name=" Lena Morales ",
        patron_email="lena@example.net",
        patron_phone="555-0199",
        patron_language="es",
    )
    person = Person.objects.get()
    assert complaint.patron == person
    assert (person.system, person.name, person.email, person.phone, person.language, person.card_number) == (
        world.system,
        "Lena Morales",
        "lena@example.net",
        "555-0199",
        "es",
        "",
    )


def test_a_second_complaint_with_the_same_e_mail_finds_the_same_person_and_overwrites_nothing(world):
    known = PersonFactory(system=world.system, name="Lena Morales", email="lena@example.net", phone="")
    complaint, _ = record(
        actor=world.users["frontline"],
        branch=world.branch,
        patron_name="Someone Else",
        patron_email="LENA@example.net",
        patron_phone="555-0199",
    )
    known.refresh_from_db()
    assert complaint.patron == known and Person.objects.count() == 1
    assert (known.name, known.phone) == ("Lena Morales", "555-0199")


def test_the_same_e_mail_in_another_system_is_another_person(world):
    PersonFactory(system=world.other_system, email="lena@example.net")
    complaint, _ = record(
        actor=world.users["frontline"], branch=world.branch, patron_email="lena@example.net"
    )
    assert complaint.patron.system == world.system and Person.objects.count() == 2


def test_an_anonymous_complaint_has_no_patron(world):
    complaint, _ = record(actor=world.users["frontline"], branch=world.branch, anonymous=True)
    assert complaint.patron is None and Person.objects.count() == 0


def test_a_public_submission_without_contact_is_anonymous_with_no_person(world):
    complaint, _secret, created = submit(system=world.system, patron_email="")
    assert created and complaint.anonymous and complaint.patron is None
    assert Person.objects.count() == 0


def test_a_public_submission_sent_twice_is_one_case(world):
    first, _secret, _ = submit(system=world.system, narrative="Same words.", patron_email="ana@example.net")
    again, _secret, created = submit(
        system=world.system, narrative="Same words.", patron_email="ana@example.net"
    )
    assert (again, created) == (first, False)


def test_the_database_refuses_an_anonymous_complaint_with_a_patron(world):
    case = ComplaintFactory(branch=world.branch)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=case.pk).update(anonymous=True)


def test_the_desk_form_saves_the_contact_on_the_person(world, signed_in):
    response = signed_in(world.users["frontline"]).post(
        reverse("complaints:create"),
        {
            "narrative": "I was charged for a book I returned.",
            "branch": world.branch.pk,
            "channel": "desk",
            "kind": "complaint",
            "severity": "",
            "patron_name": "Ana Ruiz",
            "patron_email": "ana.ruiz@example.net",
            "patron_phone": "",
            "patron_language": "es",
            "occurred_at": "2026-01-05T16:00",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.patron.name, complaint.patron.email) == ("Ana Ruiz", "ana.ruiz@example.net")


@pytest.mark.parametrize("query", ["morales", "lena.morales@example.net"])
def test_search_finds_a_case_by_its_patron_for_a_supervisor_of_the_branch(world, query):
    hit = ComplaintFactory(branch=world.branch, narrative="The heating was off.")
    ComplaintFactory(
        branch=world.branch, narrative="The lift was broken.", patron_name="Other", patron_email=""
    )
    found = list(selectors.complaint_list_visible_to(user=world.users["supervisor"], filters={"q": query}))
    assert found == [hit]


def test_search_by_patron_finds_nothing_for_staff_who_may_not_see_the_patron(world):
    # Front-line staff see the branch's cases, but the patron only of those they own or recorded.
    ComplaintFactory(branch=world.branch, narrative="The heating was off.")
    visible = selectors.complaint_list_visible_to(user=world.users["frontline"], filters={})
    assert visible.count() == 1
    found = selectors.complaint_list_visible_to(user=world.users["frontline"], filters={"q": "morales"})
    assert list(found) == []


def test_search_by_patron_finds_the_case_a_front_line_member_recorded(world):
    mine = ComplaintFactory(branch=world.branch, recorded_by=world.users["frontline"])
    found = selectors.complaint_list_visible_to(user=world.users["frontline"], filters={"q": "morales"})
    assert list(found) == [mine]


def test_the_case_page_shows_the_patron_from_the_person(world, signed_in):
    case = ComplaintFactory(branch=world.branch, patron_phone="555-0123")
    page = (
        signed_in(world.users["supervisor"])
        .get(reverse("complaints:detail", args=[case.pk]))
        .content.decode()
    )
    assert "Lena Morales" in page and "lena.morales@example.net" in page and "555-0123" in page
