"""Merging two cases of the same complaint: the duplicate closes into the one that carries on, both
timelines kept; only supervisors of the branch, the director and administrators merge, within one system."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.complaints import selectors, services
from patroncare.complaints.models import Complaint, EntryKind, Status
from patroncare.conftest import sign_in

from .factories import record

pytestmark = pytest.mark.django_db
REASON = "The patron phoned and then wrote about the same fine."


@pytest.fixture
def director(world):
    director = UserFactory(library_system=world.system, full_name="Dana Director", roles=[])
    world.system.director = director
    world.system.save()
    return director


@pytest.fixture
def pair(world):
    a, a_secret = record(actor=world.users["supervisor"], branch=world.branch, narrative="Fined by phone.")
    b, _secret = record(actor=world.users["supervisor"], branch=world.branch, narrative="Fined, by letter.")
    return a, b, a_secret


def _snapshot(*cases):
    return [
        (c.status, c.merged_into_id, c.restricted, c.version, c.entries.count())
        for c in Complaint.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk")
    ]


def _merge(client, user, a, reference, reason=REASON):
    client.logout()
    return sign_in(client, user).post(
        reverse("complaints:merge", args=[a.pk]), {"reference": reference, "reason": reason}
    )


@pytest.mark.parametrize("key", ["supervisor", "administrator", "director"])
def test_a_supervisor_director_or_administrator_merges_a_into_b(world, client, pair, director, key):
    a, b, _secret = pair
    user = director if key == "director" else world.users[key]
    response = _merge(client, user, a, b.reference.lower())
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.merged_into, a.merged_at is not None) == (Status.CLOSED, b, True)
    assert a.closed_at is not None and b.status == Status.NEW
    # The entries keep the typed reason and the codes; their words are rendered in the reader's language.
    with translation.override("en"):
        assert [e.text for e in a.entries.filter(kind=EntryKind.MERGED)] == [
            f"Merged into {b.reference}: {REASON}"
        ]
        assert [e.text for e in b.entries.filter(kind=EntryKind.MERGED)] == [
            f"{a.reference} merged into this case: {REASON}"
        ]
    for code, case, other in (("complaints.merged_into", a, b), ("complaints.merged_from", b, a)):
        event = AuditEvent.objects.get(event=code, object_id=str(case.pk), actor=user)
        assert event.params == {"other": other.reference}


def test_bs_timeline_shows_as_entries_marked_with_as_reference(world, client, pair):
    a, b, _secret = pair
    services.complaint_add_note(actor=world.users["supervisor"], complaint=a, body="Patron rang twice.")
    _merge(client, world.users["supervisor"], a, b.reference)
    timeline = selectors.complaint_timeline(complaint=b)
    assert {entry.complaint_id for entry in timeline} == {a.pk, b.pk}
    assert any(entry.body == "Patron rang twice." and entry.complaint_id == a.pk for entry in timeline)
    body = client.get(reverse("complaints:detail", args=[b.pk])).content.decode()
    assert "Patron rang twice." in body and f"From {a.reference}" in body
    page_a = client.get(reverse("complaints:detail", args=[a.pk])).content.decode()
    assert 'data-next-step="merged"' in page_a and reverse("complaints:detail", args=[b.pk]) in page_a
    assert 'id="action-merge"' not in page_a and 'id="action-reopen"' not in page_a


def test_front_line_staff_are_refused_and_nothing_changes(world, client):
    a, _s = record(actor=world.users["frontline"], branch=world.branch)
    b, _s = record(actor=world.users["frontline"], branch=world.branch)
    before = _snapshot(a, b)
    response = _merge(client, world.users["frontline"], a, b.reference)
    assert response.status_code == 400
    assert "Only a supervisor of the branches of both cases" in response.content.decode()
    assert _snapshot(a, b) == before
    page = client.get(reverse("complaints:detail", args=[a.pk])).content.decode()
    assert 'id="action-merge"' not in page


@pytest.mark.parametrize(
    ("key", "status"), [("trustee", 403), ("other_branch_supervisor", 404), ("other_system_admin", 404)]
)
def test_other_roles_branches_and_systems_are_refused_and_nothing_changes(world, client, pair, key, status):
    a, b, _secret = pair
    before = _snapshot(a, b)
    assert _merge(client, world.users[key], a, b.reference).status_code == status
    assert _snapshot(a, b) == before


def test_a_case_of_a_branch_the_supervisor_does_not_oversee_is_not_found(world, client, pair):
    a, _b, _secret = pair
    elsewhere, _s = record(actor=world.users["other_branch_supervisor"], branch=world.other_branch)
    before = _snapshot(a, elsewhere)
    response = _merge(client, world.users["supervisor"], a, elsewhere.reference)
    assert response.status_code == 400
    assert "No case with that reference that you can see." in response.content.decode()
    assert _snapshot(a, elsewhere) == before


def test_a_case_of_another_system_is_not_found(world, client, pair):
    a, _b, _secret = pair
    admin = world.users["other_system_admin"]
    foreign, _s = record(actor=admin, branch=world.other_system_branch)
    before = _snapshot(a, foreign)
    response = _merge(client, world.users["administrator"], a, foreign.reference)
    assert response.status_code == 400 and "No case with that reference" in response.content.decode()
    assert _snapshot(a, foreign) == before
    with pytest.raises(Exception, match="another case of this library system"):
        services.complaint_merge(actor=world.users["administrator"], complaint=a, into=foreign, reason=REASON)
    assert _snapshot(a, foreign) == before


def test_a_case_is_not_merged_into_itself_nor_without_a_reason(world, client, pair):
    a, b, _secret = pair
    before = _snapshot(a, b)
    assert _merge(client, world.users["supervisor"], a, a.reference).status_code == 400
    assert _merge(client, world.users["supervisor"], a, b.reference, reason=" ").status_code == 400
    assert _snapshot(a, b) == before


def test_the_database_refuses_a_case_merged_into_itself(world, pair):
    a, _b, _secret = pair
    Complaint.objects.filter(pk=a.pk).update(status="closed", judgement="one_off", closed_at=a.received_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=a.pk).update(merged_into=a, merged_at=a.received_at)


def test_a_restricted_case_makes_the_other_restricted_and_names_its_staff(world, client):
    named = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    a, _s = record(
        actor=world.users["frontline"],
        branch=world.branch,
        narrative="The man at the returns desk shouted at my son.",
        staff_named=[named],
        severity="",
    )
    b, _s = record(actor=world.users["frontline"], branch=world.branch, narrative="Shouted at, returns desk.")
    assert a.restricted and not b.restricted
    assert _merge(client, world.users["supervisor"], a, b.reference).status_code == 302
    b.refresh_from_db()
    assert b.restricted and named.pk in b.named_staff_ids
    assert not selectors.visible_complaints(user=named).filter(pk=b.pk).exists()
    client.logout()
    assert sign_in(client, named).get(reverse("complaints:detail", args=[b.pk])).status_code == 404


def test_cases_already_merged_into_a_follow_it_into_b(world, pair):
    a, b, _secret = pair
    c, _s = record(actor=world.users["supervisor"], branch=world.branch)
    supervisor = world.users["supervisor"]
    services.complaint_merge(actor=supervisor, complaint=c, into=a, reason=REASON)
    services.complaint_merge(actor=supervisor, complaint=a, into=b, reason=REASON)
    c.refresh_from_db()
    assert c.merged_into == b
    assert {entry.complaint_id for entry in selectors.complaint_timeline(complaint=b)} == {a.pk, b.pk, c.pk}


def test_the_patron_of_a_is_shown_bs_status(world, client, pair):
    a, b, a_secret = pair
    services.complaint_merge(actor=world.users["supervisor"], complaint=a, into=b, reason=REASON)
    client.logout()
    client.cookies["django_language"] = "en"  # the patron switched to English
    response = client.post(
        reverse("complaints_public:status"), {"reference": a.reference, "secret": a_secret}
    )
    assert response.status_code == 302
    body = client.get(reverse("complaints_public:status")).content.decode()
    assert f"Your case {b.reference}" in body and "data-merged-from" in body and a.reference in body
    # What the patron sends now reaches the case that carries on.
    client.post(reverse("complaints_public:patron_reply"), {"body": "Any news?"})
    assert b.entries.filter(kind=EntryKind.PATRON_REPLY, body="Any news?").exists()
