from datetime import date

import pytest

from patroncare.core.demo import load_demo
from patroncare.training.models import Assignment, GroupSession, GroupStep, Play, ScenarioVersion

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def _counts():
    return (
        ScenarioVersion.objects.count(),
        Play.objects.count(),
        GroupSession.objects.count(),
        GroupStep.objects.count(),
        Assignment.objects.count(),
    )


def test_demo_has_the_library_a_year_of_practice_and_two_sessions_and_loading_twice_changes_nothing():
    today = date(2026, 11, 23)
    context = load_demo(today=today)
    first = _counts()
    assert first[0] == 18
    assert first[2] == 2
    plays = Play.objects.filter(system=context.system)
    assert plays.count() == first[1] > 50
    oldest = plays.order_by("started_at").first().started_at.date()
    assert (today - oldest).days > 300
    assert all(play.finished_at and play.score <= play.max_score for play in plays)
    assert GroupSession.objects.filter(finished_at__isnull=False).count() == 2
    load_demo(today=today)
    assert _counts() == first
