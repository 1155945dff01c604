from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from patroncare.libraries.tests.factories import BranchFactory
from patroncare.policies import consistency, selectors
from patroncare.policies.models import EntryKind, EntryStatus, RatingArea, YesOMeterRating
from patroncare.policies.tests.factories import ExceptionEntryFactory, PolicyFactory

pytestmark = pytest.mark.django_db


# The statistic, on numbers worked out by hand -----------------------------------------------------------


def test_the_typical_rate_is_the_median_of_branches_with_enough_requests():
    # Rates 0.2, 0.25, 0.3 and 0.8; a branch with 5 requests (rate 1.0) is too small to count.
    groups = [(4, 16), (5, 15), (6, 14), (16, 4), (5, 0)]
    assert consistency.typical_rate(groups) == pytest.approx(0.275)


def test_without_a_branch_of_minimum_size_the_typical_rate_is_the_pooled_rate():
    assert consistency.typical_rate([(1, 3), (2, 2)]) == pytest.approx(3 / 8)


def test_a_branch_far_from_the_typical_rate_on_enough_requests_is_an_outlier():
    # p = 0.2; a branch granting 16 of 20: z = (0.8 - 0.2) / sqrt(0.2 * 0.8 / 20) = 0.6 / 0.0894 = 6.71
    rows = consistency.rate_rows([("a", "A", 16, 4), ("b", "B", 5, 15), ("c", "C", 3, 2)], typical=0.2)
    assert [(r.label, r.z, r.outlier, r.direction) for r in rows] == [
        ("A", 6.71, True, "more"),
        ("B", 0.56, False, ""),
        # 3 of 5 is far from 0.2 (z = 2.24) but five requests are too few to mark.
        ("C", 2.24, False, ""),
    ]


def test_fewer_exceptions_than_typical_is_marked_too_and_the_threshold_is_three_standard_errors():
    # p = 0.5, n = 100: 35 granted gives z = -3.0 (marked); 36 gives -2.8 (not marked).
    rows = consistency.rate_rows([("x", "X", 35, 65), ("y", "Y", 36, 64)], typical=0.5)
    assert [(r.z, r.outlier, r.direction) for r in rows] == [(-3.0, True, "fewer"), (-2.8, False, "")]


def test_no_score_when_the_typical_rate_is_zero():
    rows = consistency.rate_rows([("x", "X", 0, 40)], typical=0.0)
    assert (rows[0].z, rows[0].outlier) == (None, False)


def test_consistency_for_a_policy_on_known_data(world):
    policy = PolicyFactory(system=world.system)
    quiet = BranchFactory(system=world.system, name="Quiet Branch", code="QUI")
    recorder = world.users["frontline"]
    # Millbrook grants 15 of 20; Oakton 4 of 20; Quiet 5 of 20. Typical = median(0.75, 0.2, 0.25) = 0.25.
    for branch, granted, enforced in [(world.branch, 15, 5), (world.other_branch, 4, 16), (quiet, 5, 15)]:
        ExceptionEntryFactory.create_batch(
            granted, policy=policy, branch=branch, kind=EntryKind.EXCEPTION, recorded_by=recorder
        )
        ExceptionEntryFactory.create_batch(enforced, policy=policy, branch=branch, recorded_by=recorder)
    # A declined exception counts as enforcement; a pending one and an old one are not counted.
    ExceptionEntryFactory(
        policy=policy,
        branch=quiet,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        flexibility="firm",
        recorded_by=recorder,
    )
    ExceptionEntryFactory(
        policy=policy,
        branch=quiet,
        kind=EntryKind.EXCEPTION,
        recorded_by=recorder,
        occurred_on=timezone.localdate() - timedelta(days=400),
    )
    figures = selectors.consistency_for(
        user=world.users["administrator"], policy=policy, since=timezone.localdate() - timedelta(days=365)
    )
    assert (figures["granted"], figures["enforced"], figures["rate"]) == (24, 36, 0.25)
    # Millbrook: z = (0.75 - 0.25) / sqrt(0.25 * 0.75 / 20) = 0.5 / 0.0968 = 5.16
    assert [(r.label, r.granted, r.enforced, r.z, r.outlier) for r in figures["branches"]] == [
        ("Millbrook Branch", 15, 5, 5.16, True),
        ("Oakton Branch", 4, 16, -0.52, False),
        ("Quiet Branch", 5, 15, 0.0, False),
    ]


def test_a_supervisor_sees_staff_rows_of_their_own_branches_only(world):
    policy = PolicyFactory(system=world.system)
    ExceptionEntryFactory(policy=policy, branch=world.branch, recorded_by=world.users["frontline"])
    ExceptionEntryFactory(policy=policy, branch=world.other_branch, recorded_by=world.users["administrator"])
    figures = selectors.consistency_for(
        user=world.users["supervisor"], policy=policy, since=timezone.localdate() - timedelta(days=30)
    )
    assert [r.key for r in figures["staff"]] == [world.users["frontline"].pk]
    assert len(figures["branches"]) == 2


# Scope ------------------------------------------------------------------------------------------------------


def test_front_line_staff_see_only_their_own_entries_and_supervisors_their_branches(world):
    policy = PolicyFactory(system=world.system)
    own = ExceptionEntryFactory(policy=policy, branch=world.branch, recorded_by=world.users["frontline"])
    colleague = ExceptionEntryFactory(
        policy=policy, branch=world.branch, recorded_by=world.users["supervisor"]
    )
    elsewhere = ExceptionEntryFactory(
        policy=policy, branch=world.other_branch, recorded_by=world.users["other_branch_supervisor"]
    )
    assert list(selectors.exception_list_visible_to(user=world.users["frontline"])) == [own]
    assert set(selectors.exception_list_visible_to(user=world.users["supervisor"])) == {own, colleague}
    assert set(selectors.exception_list_visible_to(user=world.users["administrator"])) == {
        own,
        colleague,
        elsewhere,
    }
    assert list(selectors.exception_list_visible_to(user=world.users["other_system_admin"])) == []
    with pytest.raises(Http404):
        selectors.exception_get(user=world.users["supervisor"], pk=elsewhere.pk)


def test_a_policy_of_another_system_is_not_found(world):
    policy = PolicyFactory(system=world.other_system)
    with pytest.raises(Http404):
        selectors.policy_get(user=world.users["administrator"], pk=policy.pk)


def test_acknowledgement_status_lists_who_has_not_read_the_current_version(world):
    from patroncare.policies.services import policy_acknowledge

    policy = PolicyFactory(system=world.system)
    policy_acknowledge(user=world.users["frontline"], policy=policy)
    rows = dict(selectors.acknowledgement_status(user=world.users["supervisor"], policy=policy))
    assert rows[world.users["frontline"]] is not None
    assert rows[world.users["supervisor"]] is None
    assert world.users["other_branch_supervisor"] not in rows


def test_reviews_due_include_those_within_thirty_days_and_those_in_progress(world):
    today = timezone.localdate()
    soon = PolicyFactory(system=world.system, title="Soon", next_review_on=today + timedelta(days=30))
    PolicyFactory(system=world.system, title="Later", next_review_on=today + timedelta(days=31))
    overdue = PolicyFactory(system=world.system, title="Overdue", next_review_on=today - timedelta(days=5))
    assert list(selectors.reviews_due(user=world.users["administrator"], today=today)) == [overdue, soon]


def test_the_yes_o_meter_shows_the_movement_since_the_rating_before(world):
    today = timezone.localdate()
    for days, rating in [(180, 0), (90, 1), (0, 3)]:
        YesOMeterRating.objects.create(
            branch=world.branch, area=RatingArea.SIGNAGE, rating=rating, rated_on=today - timedelta(days=days)
        )
    YesOMeterRating.objects.create(
        branch=world.other_branch, area=RatingArea.SIGNAGE, rating=2, rated_on=today
    )
    rows = selectors.yes_o_meter(user=world.users["supervisor"])
    assert [(r["branch"].name, r["latest"].rating, r["movement"]) for r in rows] == [
        ("Millbrook Branch", 3, 2)
    ]
    everyone = selectors.yes_o_meter(user=world.users["trustee"])
    assert [(r["branch"].name, r["movement"]) for r in everyone] == [
        ("Millbrook Branch", 2),
        ("Oakton Branch", None),
    ]
