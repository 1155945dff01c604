from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from patroncare.complaints import selectors, shell
from patroncare.complaints.models import ComplaintSettings
from patroncare.complaints.services.configuration import categories_install_defaults

from .factories import CategoryFactory, ComplaintFactory


@pytest.fixture
def fines(world):
    categories_install_defaults(system=world.system)
    return world.system.complaint_categories.get(key="money-fines")


def _cases(n, **kwargs):
    return [ComplaintFactory(**kwargs) for _ in range(n)]


def test_pattern_found_at_the_threshold_within_the_window(world, fines):
    found = _cases(3, branch=world.branch, category=fines)
    (pattern,) = selectors.patterns_for(user=world.users["supervisor"])
    assert (pattern.branch_name, pattern.count) == ("Millbrook Branch", 3)
    assert set(pattern.case_ids) == {c.pk for c in found}


def test_no_pattern_below_the_threshold_or_outside_the_window(world, fines):
    _cases(2, branch=world.branch, category=fines)
    ComplaintFactory(branch=world.branch, category=fines, received_at=timezone.now() - timedelta(days=91))
    assert selectors.patterns_for(user=world.users["supervisor"]) == []


def test_thresholds_are_configurable_per_system(world, fines):
    ComplaintSettings.objects.create(system=world.system, pattern_window_days=30, pattern_threshold=2)
    _cases(2, branch=world.branch, category=fines)
    assert [p.count for p in selectors.patterns_for(user=world.users["supervisor"])] == [2]


def test_praise_never_makes_a_pattern(world, fines):
    _cases(4, branch=world.branch, category=fines, kind="praise")
    assert selectors.patterns_for(user=world.users["supervisor"]) == []


def test_pattern_by_policy_touched_across_branches(world, fines):
    other = CategoryFactory(system=world.system)
    ComplaintFactory(branch=world.branch, category=fines, policy_tag="room booking")
    ComplaintFactory(branch=world.other_branch, category=other, policy_tag="room booking")
    ComplaintFactory(branch=world.other_branch, category=fines, policy_tag="room booking")
    patterns = selectors.patterns_for(user=world.users["administrator"])
    assert [(p.policy_tag, p.count) for p in patterns] == [("room booking", 3)]


def test_branch_supervisor_sees_only_patterns_of_their_branches(world, fines):
    _cases(3, branch=world.other_branch, category=fines)
    assert selectors.patterns_for(user=world.users["supervisor"]) == []
    assert len(selectors.patterns_for(user=world.users["other_branch_supervisor"])) == 1


def test_pattern_detection_makes_a_constant_number_of_queries(world, fines, django_assert_max_num_queries):
    _cases(3, branch=world.branch, category=fines)
    user = world.users["administrator"]
    selectors.patterns_for(user=user)  # roles and the system are read once per request, then cached
    with django_assert_max_num_queries(5) as few:
        selectors.patterns_for(user=user)
    _cases(6, branch=world.other_branch, category=fines)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(selectors.patterns_for(user=user)) == 2


def test_case_of_another_system_is_a_404(world):
    elsewhere = ComplaintFactory(branch=world.other_system_branch)
    with pytest.raises(Http404):
        selectors.complaint_get_for(user=world.users["administrator"], pk=elsewhere.pk)


def test_frontline_sees_their_branch_and_the_cases_they_own(world):
    mine = ComplaintFactory(branch=world.branch)
    owned = ComplaintFactory(branch=world.other_branch, owner=world.users["frontline"])
    ComplaintFactory(branch=world.other_branch)
    visible = set(selectors.visible_complaints(user=world.users["frontline"]).values_list("pk", flat=True))
    assert visible == {mine.pk, owned.pk}


def test_case_without_a_branch_is_seen_by_system_wide_roles_only(world):
    case = ComplaintFactory(branch=None, system=world.system)
    assert selectors.visible_complaints(user=world.users["administrator"]).filter(pk=case.pk).exists()
    assert not selectors.visible_complaints(user=world.users["supervisor"]).filter(pk=case.pk).exists()


def test_search_matches_words_on_this_database(world):
    hit = ComplaintFactory(branch=world.branch, narrative="The librarian mocked my accent at the desk.")
    ComplaintFactory(branch=world.branch, narrative="The heating was off in the reading room.")
    found = list(selectors.complaint_list_visible_to(user=world.users["supervisor"], filters={"q": "accent"}))
    assert found == [hit]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_search_understands_word_forms(world):
    hit = ComplaintFactory(branch=world.branch, narrative="Staff were mocking people waiting in line.")
    found = list(
        selectors.complaint_list_visible_to(user=world.users["supervisor"], filters={"q": "staff -heating"})
    )
    assert found == [hit]


def test_desk_sections_run_a_constant_number_of_queries(world, django_assert_max_num_queries):
    user = world.users["supervisor"]
    soon = timezone.now() + timedelta(days=1)
    ComplaintFactory(branch=world.branch, owner=user, acknowledge_due_at=soon)
    with django_assert_max_num_queries(3):
        items = shell.due_items(user)
    assert len(items) == 1
    ComplaintFactory.create_batch(8, branch=world.branch, owner=user, acknowledge_due_at=soon)
    with django_assert_max_num_queries(3):
        assert len(shell.due_items(user)) == 9


def test_overdue_cases_escalate_to_the_branch_supervisor_desk(world):
    late = ComplaintFactory(branch=world.branch, acknowledge_due_at=timezone.now() - timedelta(hours=1))
    ComplaintFactory(branch=world.other_branch, acknowledge_due_at=timezone.now() - timedelta(hours=1))
    ComplaintFactory(branch=world.branch, acknowledge_due_at=timezone.now() + timedelta(days=9))
    items = shell.due_items(world.users["supervisor"])
    assert [i.title.split(" ")[0] for i in items] == [late.reference] and items[0].overdue is True
    assert shell.due_items(world.users["frontline"]) == []


def test_critical_cases_reach_the_director_desk(world):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory

    director = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, world.other_branch)])
    world.system.director = director
    world.system.save()
    critical = ComplaintFactory(branch=world.branch, severity="critical")
    ComplaintFactory(branch=world.branch, severity="serious")
    director = type(director).objects.get(pk=director.pk)
    assert [i.title.split(" ")[0] for i in shell.critical_items(director)] == [critical.reference]
    assert shell.critical_items(world.users["other_branch_supervisor"]) == []


def test_figures_count_without_identifying_anyone(world, fines):
    _cases(2, branch=world.branch, category=fines, severity="minor")
    figures = selectors.figures_for(user=world.users["trustee"])
    assert figures["total"] == 2 and figures["by_severity"] == [{"label": "Minor", "n": 2}]


def test_desk_deadline_reads_as_the_end_of_the_librarys_working_day(world):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    chicago = ZoneInfo("America/Chicago")
    tomorrow = timezone.localtime(timezone.now(), chicago).date() + timedelta(days=1)
    end_of_day = datetime.combine(tomorrow, time(23, 59, 59, 999999), tzinfo=chicago)
    ComplaintFactory(branch=world.branch, owner=world.users["supervisor"], acknowledge_due_at=end_of_day)
    (item,) = shell.due_items(world.users["supervisor"])
    assert item.due_at == datetime.combine(tomorrow, time(23, 59, 59, 999999))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text index")
def test_postgres_search_can_use_its_index(world):
    from patroncare.complaints.models import Complaint

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = selectors.search_condition(Complaint.objects.all(), "printer").explain()
    assert "complaints_complaint_search_gin" in plan
