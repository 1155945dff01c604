"""Merging two records of one person: every link moves to the kept one, the other goes, all audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from patroncare.audit.models import AuditEvent
from patroncare.audit.rendering import render_event
from patroncare.complaints.models import Complaint
from patroncare.conduct.models import Exclusion
from patroncare.incidents.models import Involvement
from patroncare.patrons import services
from patroncare.patrons.models import Person, RightsRequest
from patroncare.patrons.tests.conftest import hold_records_about, involve
from patroncare.patrons.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twice(world, held):
    """The same person recorded a second time from a desk report: card number only, with their own records."""
    other = PersonFactory(
        system=world.system, card_number="21000777", name="", email="", description="Green coat"
    )
    second = hold_records_about(world, other, reference="MIL-0002")
    involve(held.incident, other)
    return held, second


def _state(*people):
    return {
        "people": sorted(Person.objects.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)),
        "complaints": sorted(Complaint.objects.values_list("pk", "patron_id")),
        "involvements": sorted(Involvement.objects.values_list("pk", "person_id")),
        "exclusions": sorted(Exclusion.objects.values_list("pk", "person_id")),
        "audit": AuditEvent.objects.count(),
    }


def _post(client, kept, other, **choices):
    data = {"other": other.pk, "kept_version": kept.version, "other_version": other.version, **choices}
    return client.post(reverse("patrons:merge", args=[kept.pk]), data)


def test_the_merge_moves_every_link_keeps_the_chosen_values_and_deletes_the_other(world, twice, signed_in):
    first, second = twice
    kept, other = first.person, second.person
    RightsRequest.objects.create(system=world.system, person=other, kind="access", received_on="2026-12-01")
    response = _post(signed_in(world.users["supervisor"]), kept, other, keep_card_number="other")
    assert response.status_code == 302 and response.url == reverse("patrons:detail", args=[kept.pk])
    assert not Person.objects.filter(pk=other.pk).exists()
    kept.refresh_from_db()
    assert (kept.card_number, kept.name, kept.email, kept.description) == (
        "21000777",
        "Robin Alvarez",
        "robin.alvarez@example.net",
        "",
    )
    assert set(Complaint.objects.filter(patron=kept).values_list("pk", flat=True)) == {
        first.complaint.pk,
        second.complaint.pk,
    }
    assert Involvement.objects.filter(person=kept).count() == 3
    assert set(Exclusion.objects.filter(person=kept).values_list("pk", flat=True)) == {
        first.exclusion.pk,
        second.exclusion.pk,
    }
    assert RightsRequest.objects.get().person_id == kept.pk


def test_the_merge_is_audited_with_no_name_in_the_summary(world, twice, signed_in):
    first, second = twice
    kept, other = first.person, second.person
    other_pk = other.pk
    _post(signed_in(world.users["supervisor"]), kept, other)
    event = AuditEvent.objects.filter(event="patrons.person_merged").latest("id")
    # The record column shows the kept record as it is now; the event's own text names nobody.
    rendered = render_event(event)
    text = " ".join([rendered.summary, *(f"{line.label} {line.text}" for line in rendered.changes)])
    assert render_event(event).summary == f"Person #{other_pk} merged into person #{kept.pk}"
    assert "Robin" not in text and "Alvarez" not in text
    # One complaint, two involvements and one exclusion moved.
    assert event.params["links_moved"] == 4
    assert event.actor == world.users["supervisor"]


def test_the_confirm_page_shows_both_records_and_the_differing_values(world, twice, signed_in):
    first, second = twice
    url = reverse("patrons:merge", args=[first.person.pk])
    page = signed_in(world.users["supervisor"]).get(url, {"other": second.person.pk}).content.decode()
    assert "Robin Alvarez" in page and "21000777" in page and "Green coat" in page
    assert 'name="keep_card_number"' in page and 'name="keep_email"' not in page


@pytest.mark.parametrize("role", ["frontline", "security", "trainer", "trustee", "other_system_admin"])
def test_a_refused_merge_changes_nothing(world, twice, client, role):
    from patroncare.conftest import sign_in

    first, second = twice
    client = sign_in(client, world.users[role])
    before = _state(first.person, second.person)
    response = _post(client, first.person, second.person)
    assert response.status_code == 404
    assert _state(first.person, second.person) == before


def test_a_merge_with_a_person_of_another_system_is_refused_and_changes_nothing(world, held, signed_in):
    elsewhere = PersonFactory(system=world.other_system, name="Kim Elsewhere")
    client = signed_in(world.users["administrator"])
    before = _state(held.person, elsewhere)
    response = _post(client, held.person, elsewhere)
    assert response.status_code == 404
    assert _state(held.person, elsewhere) == before
    with pytest.raises(PermissionDenied):
        services.person_merge(
            actor=world.users["administrator"],
            kept=held.person,
            other=elsewhere,
            from_other=[],
            kept_version=held.person.version,
            other_version=elsewhere.version,
        )
    assert _state(held.person, elsewhere) == before


def test_a_record_is_never_merged_with_itself(world, held, signed_in):
    before = _state(held.person)
    with pytest.raises(PermissionDenied):
        services.person_merge(
            actor=world.users["supervisor"],
            kept=held.person,
            other=held.person,
            from_other=[],
            kept_version=held.person.version,
            other_version=held.person.version,
        )
    assert _state(held.person) == before


def test_a_merge_over_a_changed_record_is_refused(world, twice, signed_in):
    first, second = twice
    client = signed_in(world.users["supervisor"])
    before = _state(first.person, second.person)
    data = {"other": second.person.pk, "kept_version": first.person.version + 1, "other_version": 1}
    response = client.post(reverse("patrons:merge", args=[first.person.pk]), data)
    assert response.status_code == 400 and "Someone else saved this record" in response.content.decode()
    assert _state(first.person, second.person) == before
