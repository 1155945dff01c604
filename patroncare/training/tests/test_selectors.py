"""Scores and answers of a person: visible to that person, their supervisor and trainers only."""

import pytest
from django.http import Http404

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.training import selectors

from .factories import AssignmentFactory, PlayFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def play(world):
    return PlayFactory(
        user=world.users["frontline"],
        branch=world.branch,
        version=VersionFactory(scenario__system=world.system),
    )


@pytest.mark.parametrize(
    "key, sees",
    [
        ("frontline", True),
        ("supervisor", True),
        ("trainer", True),
        ("administrator", False),
        ("security", False),
        ("trustee", False),
        ("other_branch_supervisor", False),
        ("other_system_admin", False),
    ],
)
def test_who_sees_a_persons_play(world, play, key, sees):
    assert selectors.plays_visible_to(user=world.users[key]).filter(pk=play.pk).exists() is sees
    if not sees:
        with pytest.raises(Http404):
            selectors.play_get_visible(user=world.users[key], pk=play.pk)


def test_a_colleague_at_the_same_branch_does_not_see_the_play(world, play):
    colleague = UserFactory(library_system=world.system, roles=[(Role.FRONTLINE, world.branch)])
    assert not selectors.plays_visible_to(user=colleague).filter(pk=play.pk).exists()


def test_a_supervisor_sees_plays_of_someone_working_at_two_branches_one_of_theirs(world):
    person = UserFactory(
        library_system=world.system,
        roles=[(Role.FRONTLINE, world.other_branch), (Role.FRONTLINE, world.branch)],
    )
    play = PlayFactory(
        user=person, branch=world.other_branch, version=VersionFactory(scenario__system=world.system)
    )
    assert selectors.plays_visible_to(user=world.users["supervisor"]).filter(pk=play.pk).exists()


def test_a_system_wide_supervisor_sees_everyone(world, play):
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    assert selectors.plays_visible_to(user=director).filter(pk=play.pk).exists()


def test_only_the_player_continues_a_play(world, play):
    assert selectors.own_play_get(user=world.users["frontline"], pk=play.pk) == play
    with pytest.raises(Http404):
        selectors.own_play_get(user=world.users["supervisor"], pk=play.pk)


def test_person_records_follow_the_same_rule(world):
    person = world.users["frontline"]
    assert selectors.person_get(user=world.users["supervisor"], pk=person.pk) == person
    for key in ("other_branch_supervisor", "administrator", "other_system_admin"):
        with pytest.raises(Http404):
            selectors.person_get(user=world.users[key], pk=person.pk)


def test_library_shows_only_the_newest_published_version_of_the_users_system(world):
    v1 = VersionFactory(scenario__system=world.system, number=1)
    v2 = VersionFactory(scenario=v1.scenario, number=2, title="Newer")
    VersionFactory(scenario=v1.scenario, number=3, status="draft", published_at=None, title="Draft")
    VersionFactory(scenario__system=world.other_system)
    assert list(selectors.library_for(user=world.users["frontline"])) == [v2]


def test_assignments_are_scoped_like_records(world):
    version = VersionFactory(scenario__system=world.system)
    mine = AssignmentFactory(assignee=world.users["frontline"], scenario=version.scenario)
    assert list(selectors.assignments_for(user=world.users["supervisor"])) == [mine]
    assert list(selectors.assignments_for(user=world.users["other_branch_supervisor"])) == []
    assert list(selectors.assignments_for(user=world.users["other_system_admin"])) == []
