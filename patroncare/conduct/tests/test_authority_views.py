"""The "Who may issue" page and its actions: role limits and authority groups, per role and per system."""

import pytest
from django.urls import reverse

from patroncare.conftest import ROLE_KEYS, sign_in
from patroncare.rulebook.models import AuthorityGroup, IssueLimit
from patroncare.rulebook.services import authority_group_create

PAGE_STATUS = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 200,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
}


@pytest.fixture
def team(conduct):
    conduct.group = authority_group_create(
        actor=None,
        system=conduct.system,
        name="Review team",
        name_es="Equipo de revisión",
        members=[conduct.users["security"]],
        length_number=6,
        length_unit="months",
        may_issue_open_ended=True,
    )
    return conduct


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_the_page_per_role_and_nothing_of_another_system(client, team, role):
    response = sign_in(client, team.users[role]).get(reverse("conduct:authority"))
    assert response.status_code == PAGE_STATUS[role]
    shows_team = "Review team" in response.content.decode()
    assert shows_team == (response.status_code == 200 and role != "other_system_admin")


@pytest.mark.parametrize("role", ROLE_KEYS)
def test_only_an_administrator_of_the_system_edits_a_group(client, team, role):
    url = reverse("conduct:authority_group_edit", args=[team.group.pk])
    data = {
        "name": "Renamed",
        "name_es": "",
        "members": [team.users["supervisor"].pk],
        "length_number": "1",
        "length_unit": "years",
        "version": str(team.group.version),
    }
    response = sign_in(client, team.users[role]).post(url, data)
    expected = {"administrator": 302, "other_system_admin": 404}.get(role, 403)
    assert response.status_code == expected
    group = AuthorityGroup.objects.get(pk=team.group.pk)
    if expected == 302:
        assert group.name == "Renamed" and group.limit.length_unit == "years"
        assert list(group.members.all()) == [team.users["supervisor"]]
    else:
        assert group.name == "Review team" and group.version == 1
        assert list(group.members.all()) == [team.users["security"]]


def test_a_member_of_another_system_cannot_be_chosen(signed_in, team):
    response = signed_in(team.users["administrator"]).post(
        reverse("conduct:authority_group_create"),
        {"name": "Night team", "members": [team.users["other_system_admin"].pk], "length_unit": "days"},
    )
    assert response.status_code == 400
    assert not AuthorityGroup.objects.filter(name="Night team").exists()


def test_a_stale_edit_is_refused_and_what_was_typed_stays(signed_in, team):
    url = reverse("conduct:authority_group_edit", args=[team.group.pk])
    data = {"name": "Typed name", "name_es": "", "length_number": "9", "length_unit": "days", "version": "1"}
    client = signed_in(team.users["administrator"])
    assert client.post(url, {**data, "name": "First"}).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400 and "Typed name" in response.content.decode()
    assert AuthorityGroup.objects.get(pk=team.group.pk).name == "First"


def test_post_only_addresses_answer_get_with_405(signed_in, team):
    client = signed_in(team.users["administrator"])
    assert client.get(reverse("conduct:issue_limit")).status_code == 405
    assert client.get(reverse("conduct:authority_group_delete", args=[team.group.pk])).status_code == 405


@pytest.mark.parametrize(
    ("role", "status"), [("administrator", 302), ("supervisor", 403), ("other_system_admin", 404)]
)
def test_deleting_a_group(client, team, role, status):
    url = reverse("conduct:authority_group_delete", args=[team.group.pk])
    response = sign_in(client, team.users[role]).post(url, {"version": "1"})
    assert response.status_code == status
    assert AuthorityGroup.objects.filter(pk=team.group.pk).exists() == (status != 302)
    assert IssueLimit.objects.filter(group__isnull=False).exists() == (status != 302)


def test_a_refusal_names_the_group_in_the_users_language(signed_in, team):
    from datetime import timedelta

    from django.utils import translation

    from patroncare.conduct import services
    from patroncare.core.access import Refused
    from patroncare.incidents.tests.factories import IncidentFactory
    from patroncare.libraries.calendar import today_in
    from patroncare.patrons.tests.factories import PersonFactory
    from patroncare.rulebook.models import Outcome

    person = PersonFactory(system=team.system)
    incident = IncidentFactory(branch=team.branch, reported_by=team.users["frontline"], subject=person)
    today = today_in(team.system)
    call = dict(
        actor=team.users["security"].__class__.objects.get(pk=team.users["supervisor"].pk),
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=400),
        deviation_reason="Test.",
    )
    team.group.limit.length_number = 2
    team.group.limit.length_unit = "years"
    team.group.limit.save()
    with pytest.raises(Refused) as refused:
        services.exclusion_issue(**call)
    assert str(refused.value).startswith(
        "A suspension this long is issued by a review team member or the director."
    )
    with translation.override("es"), pytest.raises(Refused) as refused:
        services.exclusion_issue(**call)
    assert "un miembro del grupo «Equipo de revisión» o el director" in str(refused.value)
