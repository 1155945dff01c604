"""Referrals by need and walk-through results on the dashboard: counts only, per period, per branch."""

from datetime import date

import pytest
from django.utils import timezone

from patroncare.referrals.models import Referral
from patroncare.referrals.tests.factories import CategoryFactory
from patroncare.reports import periods
from patroncare.reports.selectors import dashboard_for
from patroncare.surveys.models import CheckPoint, PointRating, WalkAction, WalkThrough

pytestmark = pytest.mark.django_db

Q1 = periods.quarter(2026, 1)  # the period before is 2025 Q4, the same period last year 2025 Q1


def rows(dashboard, key):
    return {row.label: [cell.value for cell in row.cells] for row in dashboard.table(key).rows}


def section(dashboard, key):
    return next(s for s in dashboard.sections if s.key == key)


def test_without_records_the_sections_wait(world):
    dashboard = dashboard_for(user=world.users["administrator"], period=Q1)
    assert section(dashboard, "referrals").pending
    assert section(dashboard, "walk-throughs").pending


@pytest.fixture
def referrals(world):
    food = CategoryFactory(system=world.system, name_en="Food", order=1)
    shelter = CategoryFactory(system=world.system, name_en="Shelter and housing", order=2)
    days = [
        (food, world.branch, date(2026, 1, 1)),
        (food, world.branch, date(2026, 3, 31)),
        (food, world.other_branch, date(2026, 2, 10)),
        (shelter, world.branch, date(2025, 12, 31)),
        (shelter, world.branch, date(2025, 2, 1)),
        (shelter, world.branch, date(2026, 4, 1)),  # after the period
    ]
    for need, branch, day in days:
        Referral.objects.create(system=world.system, branch=branch, need=need, language="en", made_on=day)


def test_referrals_are_counted_by_need_and_branch_over_calendar_days(world, referrals):
    dashboard = dashboard_for(user=world.users["administrator"], period=Q1)
    assert rows(dashboard, "referrals-need") == {"Food": [3, 0, 0], "Shelter and housing": [0, 1, 1]}
    assert rows(dashboard, "referrals-branch") == {"Millbrook Branch": [2, 1, 1], "Oakton Branch": [1, 0, 0]}


def test_a_supervisor_counts_only_their_branch(world, referrals):
    dashboard = dashboard_for(user=world.users["supervisor"], period=Q1)
    assert rows(dashboard, "referrals-need") == {"Food": [2, 0, 0], "Shelter and housing": [0, 1, 1]}


def test_walk_through_results_per_branch_over_time(world):
    from patroncare.surveys import walk_services

    walk_services.checklist_start(actor=world.users["administrator"], system=world.system)
    points = list(CheckPoint.objects.filter(system=world.system).order_by("order")[:10])
    supervisor = world.users["supervisor"]

    def walk(day, good):
        done = WalkThrough.objects.create(
            system=world.system, branch=world.branch, walked_on=day, walked_by=supervisor
        )
        for index, point in enumerate(points):
            PointRating.objects.create(walk=done, point=point, rating=3 if index < good else 1)
        return done

    autumn = walk(date(2025, 11, 5), good=4)
    walk(date(2026, 2, 5), good=9)
    WalkAction.objects.create(
        walk=autumn,
        text="New sign",
        owner=world.users["frontline"],
        due_on=date(2025, 12, 1),
        done_on=date(2025, 11, 20),
        created_by=supervisor,
        created_at=timezone.now(),
    )
    dashboard = dashboard_for(user=world.users["administrator"], period=Q1)
    assert rows(dashboard, "walks-branch") == {"Millbrook Branch": [1, 1, 0]}
    assert rows(dashboard, "walks-good") == {"Millbrook Branch: points rated good (%)": [90.0, 40.0, None]}
    assert rows(dashboard, "walks-actions") == {
        "Actions given": [0, 1, 0],
        "Done by their due date": [0, 1, 0],
    }
    other = dashboard_for(user=world.users["other_branch_supervisor"], period=Q1)
    assert section(other, "walk-throughs").pending
