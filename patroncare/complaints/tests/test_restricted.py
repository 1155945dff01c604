"""Complaints about staff conduct: who reads and owns them; who may lower, close or reassign a case."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.complaints import selectors, services
from patroncare.complaints.models import Category, Complaint, EntryKind, Severity
from patroncare.complaints.services.routing import complaints_lead_set
from patroncare.conftest import sign_in

from .factories import record, submit

pytestmark = pytest.mark.django_db
NARRATIVE = "The man at the returns desk shouted at my son and called him a thief."


@pytest.fixture
def people(world):
    """The branch's cast beside the shared world: a colleague, the person complained about, the director."""
    branch = world.branch
    director = UserFactory(library_system=world.system, full_name="Dana Director", roles=[])
    world.system.director = director
    world.system.save()
    return {
        **world.users,
        "director": director,
        "colleague": UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, branch)]),
        "named": UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, branch)]),
        "second_supervisor": UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, branch)]),
    }


@pytest.fixture
def restricted(world, people):
    complaint, _secret = record(
        actor=people["frontline"],
        branch=world.branch,
        narrative=NARRATIVE,
        staff_named=[people["named"]],
        severity="",
    )
    return complaint


def _csv(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _get(client, user, url):
    client.logout()
    return sign_in(client, user).get(url)


# Who reads the case page: (status, sees the narrative)
CASE_PAGE = {
    "supervisor": (200, True),
    "second_supervisor": (200, True),
    "administrator": (200, True),
    "director": (200, True),
    "frontline": (200, False),  # the recorder: a receipt, nothing more
    "colleague": (404, False),
    "named": (404, False),
    "other_branch_supervisor": (404, False),
    "other_system_admin": (404, False),
    "security": (403, False),
    "trainer": (403, False),
    "trustee": (403, False),
}


def test_restricted_from_the_moment_it_is_recorded(restricted, people):
    assert restricted.restricted
    assert restricted.named_staff_ids == {people["named"].pk}
    assert restricted.owner == people["supervisor"]


@pytest.mark.parametrize("key", sorted(CASE_PAGE))
def test_case_page_role_matrix(client, restricted, people, key):
    status, sees = CASE_PAGE[key]
    response = _get(client, people[key], reverse("complaints:detail", args=[restricted.pk]))
    assert response.status_code == status
    assert (NARRATIVE in response.content.decode()) is sees
    if key == "frontline":
        page = response.content.decode()
        assert restricted.reference in page and "Passed to a supervisor" in page
        assert "Lena Morales" not in page and people["named"].full_name not in page


@pytest.mark.parametrize("key", ["frontline", "colleague", "named", "other_branch_supervisor"])
def test_list_and_search_neither_show_nor_count_it(client, restricted, people, key):
    for query in ("", "?q=thief", f"?q={restricted.reference}"):
        response = _get(client, people[key], reverse("complaints:list") + query)
        page = response.content.decode()
        assert response.status_code == 200
        assert reverse("complaints:detail", args=[restricted.pk]) not in page
        assert NARRATIVE not in page
        assert "0 cases" in page


@pytest.mark.parametrize("key", ["supervisor", "director", "administrator"])
def test_overseers_find_it_in_the_list_and_search(client, restricted, people, key):
    response = _get(client, people[key], reverse("complaints:list") + "?q=thief")
    assert restricted.reference in response.content.decode()


def test_csv_export_leaves_it_out_for_others(client, restricted, people):
    mine = _get(client, people["supervisor"], reverse("complaints:export"))
    assert restricted.reference in _csv(mine)
    other = _get(client, people["other_branch_supervisor"], reverse("complaints:export"))
    assert restricted.reference not in _csv(other)


def test_a_named_supervisor_never_reads_it_and_it_goes_to_the_next_level(world, people, client):
    complaint, _secret = record(
        actor=people["frontline"],
        branch=world.branch,
        narrative=NARRATIVE,
        staff_named=[people["supervisor"], people["second_supervisor"]],
    )
    assert complaint.owner == people["director"]
    for key in ("supervisor", "second_supervisor"):
        response = _get(client, people[key], reverse("complaints:detail", args=[complaint.pk]))
        assert response.status_code == 404
    assert (
        _get(client, people["director"], reverse("complaints:detail", args=[complaint.pk])).status_code == 200
    )


def test_a_case_about_the_director_goes_to_an_administrator(world, people):
    complaint, _secret = record(
        actor=people["supervisor"], branch=world.branch, narrative=NARRATIVE, staff_named=[people["director"]]
    )
    assert complaint.owner not in (people["director"], people["named"])
    assert selectors.visible_complaints(user=people["director"]).filter(pk=complaint.pk).count() == 0


def test_desk_lists_never_show_it_to_a_named_overseer(world, people):
    complaint, _secret = record(
        actor=people["frontline"],
        branch=world.branch,
        narrative=NARRATIVE,
        staff_named=[people["supervisor"]],
        severity=Severity.CRITICAL,
    )
    Complaint.objects.filter(pk=complaint.pk).update(acknowledge_due_at=timezone.now() - timedelta(days=2))
    assert complaint in selectors.due_for(user=people["second_supervisor"])
    assert complaint not in selectors.due_for(user=people["supervisor"])
    assert complaint in selectors.critical_open(user=people["director"])
    assert complaint not in selectors.critical_open(user=people["supervisor"])


def test_a_staff_conduct_category_restricts_even_with_nobody_named(world, people):
    services.categories_install_defaults(system=world.system)
    discrimination = Category.objects.get(system=world.system, key="discrimination")
    complaint, _secret = record(
        actor=people["frontline"], branch=world.branch, category=discrimination, narrative=NARRATIVE
    )
    assert discrimination.restricts and complaint.restricted
    assert not selectors.visible_complaints(user=people["colleague"]).filter(pk=complaint.pk).exists()


def test_triage_into_a_restricting_category_restricts_and_moves_a_barred_owner(world, people, sent):
    complaints_lead_set(
        actor=people["administrator"], system=world.system, branch=world.branch, lead=people["colleague"]
    )
    complaint, _secret, _created = submit(system=world.system, branch=world.branch)
    assert complaint.owner == people["colleague"] and not complaint.restricted
    rudeness = Category.objects.get(system=world.system, key="rudeness")
    mail.outbox.clear()
    with sent():
        services.complaint_triage(
            actor=people["director"],
            complaint=complaint,
            expected_version=complaint.version,
            category=rudeness,
            severity=Severity.MODERATE,
            kind="complaint",
            staff_named=[people["named"]],
        )
    complaint.refresh_from_db()
    assert complaint.restricted and complaint.owner == people["supervisor"]
    assert [message.to for message in mail.outbox] == [[people["supervisor"].email]]
    assert not selectors.visible_complaints(user=people["colleague"]).filter(pk=complaint.pk).exists()


def test_reassigning_to_the_person_named_is_refused_and_changes_nothing(restricted, people):
    version = restricted.version
    with pytest.raises(ValidationError):
        services.complaint_reassign(
            actor=people["supervisor"], complaint=restricted, expected_version=version, owner=people["named"]
        )
    restricted.refresh_from_db()
    assert restricted.owner == people["supervisor"] and restricted.version == version


def test_a_link_from_an_open_case_does_not_name_the_restricted_one(world, restricted, people, client):
    open_case, _secret = record(actor=people["colleague"], branch=world.branch)
    services.complaint_link(actor=people["supervisor"], complaint=open_case, other=restricted)
    entry = open_case.entries.filter(kind=EntryKind.NOTE).get()
    assert restricted.reference not in entry.body
    page = _get(
        client, people["colleague"], reverse("complaints:detail", args=[open_case.pk])
    ).content.decode()
    assert restricted.reference not in page


def test_restricted_cases_are_never_practice_material(world, restricted, people):
    Complaint.objects.filter(pk=restricted.pk).update(
        status="closed", closed_at=timezone.now(), judgement="one_off"
    )
    assert (
        not selectors.closed_complaints_for_practice(user=people["trainer"]).filter(pk=restricted.pk).exists()
    )


def test_recording_at_the_desk_with_a_named_colleague_leaves_the_recorder_a_receipt(world, people, client):
    sign_in(client, people["frontline"])
    response = client.post(
        reverse("complaints:create"),
        {
            "narrative": NARRATIVE,
            "channel": "desk",
            "branch": world.branch.pk,
            "kind": "complaint",
            "patron_language": "en",
            "occurred_at": "2026-01-05T16:00",
            "staff_named": [people["named"].pk],
            "staff_involved": "At the returns desk, about 4 pm",
        },
        follow=True,
    )
    complaint = Complaint.objects.get()
    page = response.content.decode()
    assert complaint.restricted and complaint.staff_involved == "At the returns desk, about 4 pm"
    assert complaint.reference in page and NARRATIVE not in page and "4 pm" not in page


# Authority follows severity.
def _triage(actor, complaint, severity, **kwargs):
    return services.complaint_triage(
        actor=actor,
        complaint=complaint,
        expected_version=complaint.version,
        category=complaint.category,
        severity=severity,
        kind="complaint",
        **kwargs,
    )


def test_frontline_may_raise_but_not_lower_a_severity(world, people):
    complaint, _secret = record(actor=people["frontline"], branch=world.branch, severity=Severity.MODERATE)
    _triage(people["frontline"], complaint, Severity.SERIOUS)
    complaint.refresh_from_db()
    version = complaint.version
    with pytest.raises(ValidationError, match="Only a supervisor"):
        _triage(people["frontline"], complaint, Severity.MINOR)
    complaint.refresh_from_db()
    assert complaint.severity == Severity.SERIOUS and complaint.version == version
    _triage(people["supervisor"], complaint, Severity.MINOR)
    complaint.refresh_from_db()
    assert complaint.severity == Severity.MINOR


def test_lowering_a_critical_case_needs_the_director(world, people):
    complaint, _secret = record(actor=people["frontline"], branch=world.branch, severity=Severity.CRITICAL)
    with pytest.raises(ValidationError, match="Only the director"):
        _triage(people["supervisor"], complaint, Severity.SERIOUS)
    complaint.refresh_from_db()
    assert complaint.severity == Severity.CRITICAL
    _triage(people["director"], complaint, Severity.SERIOUS)
    complaint.refresh_from_db()
    assert complaint.severity == Severity.SERIOUS


def _close(actor, complaint):
    return services.complaint_close(
        actor=actor,
        complaint=complaint,
        expected_version=complaint.version,
        judgement="one_off",
        reason="Explained and apologised at the desk.",
        outcome="first_contact",
    )


def test_frontline_resolves_minor_cases_at_first_contact_but_not_serious_ones(world, people):
    minor, _secret = record(actor=people["frontline"], branch=world.branch, severity=Severity.MINOR)
    _close(people["frontline"], minor)
    minor.refresh_from_db()
    assert minor.status == "closed"
    serious, _secret = record(actor=people["frontline"], branch=world.branch, severity=Severity.SERIOUS)
    with pytest.raises(ValidationError, match="serious or critical"):
        _close(people["frontline"], serious)
    with pytest.raises(ValidationError, match="serious or critical"):
        services.complaint_reassign(
            actor=people["frontline"],
            complaint=serious,
            expected_version=serious.version,
            owner=people["colleague"],
        )
    serious.refresh_from_db()
    assert serious.status == "new" and serious.owner == people["supervisor"]
    _close(people["supervisor"], serious)


def test_a_refused_action_through_the_page_shows_a_message_and_changes_nothing(world, people, client):
    serious, _secret = record(actor=people["frontline"], branch=world.branch, severity=Severity.SERIOUS)
    sign_in(client, people["frontline"])
    response = client.post(
        reverse("complaints:close", args=[serious.pk]),
        {
            "version": serious.version,
            "judgement": "one_off",
            "reason": "Sorted out",
            "resolved_at_first_contact": "on",
        },
    )
    assert response.status_code == 400
    assert (
        "Only a supervisor of the branch may close a serious or critical case." in response.content.decode()
    )
    serious.refresh_from_db()
    assert serious.status == "new"


def test_text_boxes_count_instead_of_cutting(people, client):
    page = _get(client, people["frontline"], reverse("complaints:create")).content.decode()
    assert 'data-limit="20000"' in page and 'maxlength="20000"' not in page
