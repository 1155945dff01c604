"""Who may issue what length: the widest of a person's role, director and group limits, from the first day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.rulebook.authority import allowance_of, in_words, limit_text, who_may_issue
from patroncare.rulebook.models import AuthorityGroup, IssueLimit
from patroncare.rulebook.services import (
    authority_group_create,
    authority_group_delete,
    authority_group_update,
    issue_limit_set,
    system_defaults_install,
)

ISSUERS = {Role.SUPERVISOR, Role.SECURITY, Role.ADMINISTRATOR}


def _limit(system, role, number, unit="days", open_ended=False):
    return issue_limit_set(
        actor=None,
        system=system,
        role=role,
        length_number=number,
        length_unit=unit,
        may_issue_open_ended=open_ended,
    )


def _group(system, members, number, unit="days", open_ended=False, name="Review team", name_es=""):
    return authority_group_create(
        actor=None,
        system=system,
        name=name,
        name_es=name_es,
        members=members,
        length_number=number,
        length_unit=unit,
        may_issue_open_ended=open_ended,
    )


def test_a_month_from_31_january_ends_on_the_last_day_of_february(world):
    _limit(world.system, Role.SUPERVISOR, 1, "months")
    allowance = allowance_of(world.users["supervisor"], world.system)
    assert allowance.last_day(date(2027, 1, 31)) == date(2027, 2, 28)
    assert allowance.last_day(date(2028, 1, 31)) == date(2028, 2, 29)
    assert allowance.last_day(date(2027, 1, 15)) == date(2027, 2, 14)
    assert allowance.allows(date(2027, 1, 31), date(2027, 2, 28))
    assert not allowance.allows(date(2027, 1, 31), date(2027, 3, 1))


def test_a_year_from_a_leap_day_ends_on_28_february(world):
    _limit(world.system, Role.SUPERVISOR, 1, "years")
    allowance = allowance_of(world.users["supervisor"], world.system)
    assert allowance.last_day(date(2028, 2, 29)) == date(2029, 2, 28)
    assert allowance.last_day(date(2027, 3, 1)) == date(2028, 2, 29)  # 366 days across the leap day


def test_the_widest_limit_wins_and_which_is_widest_depends_on_the_first_day(world):
    """30 days against 1 month: longer from 1 February, shorter from 1 March."""
    supervisor = world.users["supervisor"]
    _limit(world.system, Role.SUPERVISOR, 30)
    _group(world.system, [supervisor], 1, "months")
    allowance = allowance_of(supervisor, world.system)
    assert allowance.last_day(date(2027, 2, 1)) == date(2027, 3, 2)  # 30 days beats February
    assert allowance.last_day(date(2027, 3, 1)) == date(2027, 3, 31)  # the month beats 30 days
    # Without the group only the role's 30 days are left.
    assert allowance_of(world.users["other_branch_supervisor"], world.system).last_day(
        date(2027, 3, 1)
    ) == date(2027, 3, 30)


def test_a_group_gives_permanent_and_no_limit_and_roles_add_up(world):
    security = world.users["security"]
    _limit(world.system, Role.SECURITY, 1)
    assert not allowance_of(security, world.system).open_ended
    _group(world.system, [security], None, open_ended=True)
    allowance = allowance_of(security, world.system)
    assert allowance.open_ended and allowance.last_day(date(2027, 1, 1)) is None
    assert allowance.allows(date(2027, 1, 1), None)


def test_no_limit_set_and_a_limit_of_none_allow_nothing(world):
    trainer = world.users["trainer"]
    start = date(2027, 5, 10)
    assert allowance_of(trainer, world.system).last_day(start) == date(2027, 5, 9)
    _limit(world.system, Role.TRAINER, 0)
    assert not allowance_of(trainer, world.system).allows(start, start)
    _limit(world.system, Role.TRAINER, 2, "weeks")
    assert allowance_of(trainer, world.system).last_day(start) == date(2027, 5, 23)


def test_the_director_has_no_limit_until_one_is_set(world):
    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, None)])
    world.system.director = director
    world.system.save()
    _limit(world.system, Role.SUPERVISOR, 7)
    assert allowance_of(director, world.system).last_day(date(2027, 1, 1)) is None
    _limit(world.system, "director", 6, "months", open_ended=True)
    allowance = allowance_of(director, world.system)
    assert allowance.last_day(date(2027, 1, 1)) == date(2027, 6, 30)
    assert allowance.open_ended
    # The director limit is the director's alone: a supervisor does not get it.
    assert allowance_of(world.users["supervisor"], world.system).last_day(date(2027, 1, 1)) == date(
        2027, 1, 7
    )


def test_who_may_issue_names_the_roles_groups_and_director_whose_limits_allow_it(world):
    _limit(world.system, Role.SUPERVISOR, 1, "months")
    _limit(world.system, Role.ADMINISTRATOR, 12, "months", open_ended=True)
    _limit(world.system, Role.TRAINER, 5, "years")  # trainers issue no exclusions: never named
    _group(world.system, [world.users["security"]], 6, "months", name_es="Equipo de revisión")
    _group(world.system, [], 10, "years", name="Night shift")  # no members: never named
    start = date(2027, 1, 31)
    holders = who_may_issue(world.system, start=start, end=date(2027, 6, 1), roles=ISSUERS)
    assert in_words(holders) == "an administrator, a review team member or the director"
    holders = who_may_issue(world.system, start=start, end=date(2028, 1, 31), roles=ISSUERS)
    assert in_words(holders) == "the director"
    assert in_words(who_may_issue(world.system, start=start, end=None, roles=ISSUERS)) == (
        "an administrator or the director"
    )
    with translation.override("es"):
        holders = who_may_issue(world.system, start=start, end=date(2027, 6, 1), roles=ISSUERS)
        assert (
            in_words(holders) == "un administrador, un miembro del grupo «Equipo de revisión» o el director"
        )


def test_members_are_staff_of_the_groups_own_system(world):
    outsider = world.users["other_system_admin"]
    with pytest.raises(ValidationError) as error:
        _group(world.system, [world.users["security"], outsider], 7)
    assert "members" in error.value.error_dict
    assert not AuthorityGroup.objects.exists() and not IssueLimit.objects.exists()
    group = _group(world.system, [world.users["security"]], 7)
    with pytest.raises(ValidationError):
        authority_group_update(
            actor=None,
            group=group,
            expected_version=group.version,
            name="Review team",
            name_es="",
            members=[outsider],
            length_number=7,
            length_unit="days",
            may_issue_open_ended=False,
        )
    group.refresh_from_db()
    assert list(group.members.all()) == [world.users["security"]] and group.version == 1
    # Even a membership written around the service gives nothing in another system.
    group.members.add(outsider)
    assert allowance_of(outsider, world.other_system).limits == ()


def test_a_group_edited_by_two_administrators_keeps_the_first_save(world):
    admin = world.users["administrator"]
    group = _group(world.system, [world.users["security"]], 7)
    opened = group.version
    values = dict(
        name="Review team", name_es="Equipo", members=[], length_unit="days", may_issue_open_ended=False
    )
    authority_group_update(actor=admin, group=group, expected_version=opened, length_number=14, **values)
    stale = AuthorityGroup.objects.get(pk=group.pk)
    with pytest.raises(ValidationError, match="Someone else saved"):
        authority_group_update(actor=admin, group=stale, expected_version=opened, length_number=99, **values)
    assert IssueLimit.objects.get(group=group).length_number == 14
    with pytest.raises(ValidationError, match="Someone else saved"):
        authority_group_delete(actor=admin, group=stale, expected_version=opened)
    assert AuthorityGroup.objects.filter(pk=group.pk).exists()
    authority_group_delete(actor=admin, group=stale, expected_version=opened + 1)
    assert not AuthorityGroup.objects.exists() and not IssueLimit.objects.filter(group__isnull=False).exists()
    codes = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"rulebook.group_added", "rulebook.group_changed", "rulebook.group_removed"} <= codes


def test_a_limit_belongs_to_exactly_one_role_or_group(world):
    group = _group(world.system, [], 7)
    for values in ({"role": None, "group": None}, {"role": Role.SUPERVISOR, "group": group}):
        with pytest.raises(IntegrityError), transaction.atomic():
            IssueLimit.objects.create(system=world.system, length_number=1, **values)
    IssueLimit.objects.create(system=world.system, role=Role.SUPERVISOR, length_number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssueLimit.objects.create(system=world.system, role=Role.SUPERVISOR, length_number=2)
    IssueLimit.objects.create(system=world.other_system, role=Role.SUPERVISOR, length_number=2)


def test_limits_are_worded_for_the_page(world):
    assert limit_text(None) == "not set: may not issue exclusions"
    assert limit_text(IssueLimit(length_number=1, length_unit="months")) == "up to 1 month"
    assert limit_text(IssueLimit(length_number=None, may_issue_open_ended=True)) == (
        "no limit, including permanent and pending review"
    )
    assert limit_text(IssueLimit(length_number=0)) == "no exclusions"
    with translation.override("es"):
        assert limit_text(IssueLimit(length_number=2, length_unit="weeks")) == "hasta 2 semanas"


def test_defaults_give_every_role_and_the_director_a_limit_and_keep_what_is_set(world):
    _limit(world.system, Role.SUPERVISOR, 14)
    system_defaults_install(system=world.system)
    limits = {limit.role: limit for limit in IssueLimit.objects.filter(system=world.system)}
    assert set(limits) == {*Role.values, "director"}
    assert limits[Role.SUPERVISOR].length_number == 14
    assert (limits[Role.ADMINISTRATOR].length_number, limits[Role.ADMINISTRATOR].length_unit) == (
        12,
        "months",
    )
    assert limits["director"].length_number is None and limits["director"].may_issue_open_ended
    assert limits[Role.TRAINER].length_number == 0
