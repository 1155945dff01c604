from datetime import date

import pytest

from patroncare.core.demo import load_demo
from patroncare.surveys import selectors
from patroncare.surveys.models import Response, Round

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_demo_has_two_rounds_with_results_compared_and_one_open_and_loading_twice_changes_nothing():
    today = date(2026, 11, 23)
    context = load_demo(today=today)
    rounds = list(Round.objects.filter(system=context.system).order_by("opens_on"))
    titles = ["Spring staff survey", "Autumn staff survey", "Winter staff survey"]
    assert [r.title_en for r in rounds] == titles
    autumn = selectors.results(round_=rounds[1])
    assert autumn.shown and autumn.responses == 14
    assert autumn.previous == rounds[0]
    boundaries = next(q for q in autumn.questions if q.question.key == "boundaries")
    assert boundaries.change is not None and boundaries.change > 0
    assert len(selectors.actions_with_state(round_=rounds[0])) == 1
    assert rounds[2].is_open(today)
    count = Response.objects.count()
    load_demo(today=today)
    assert Response.objects.count() == count


def test_demo_has_two_walk_throughs_of_one_branch_months_apart_with_actions():
    from patroncare.surveys import walk_selectors
    from patroncare.surveys.models import CheckPoint, WalkAction, WalkThrough

    today = date(2026, 11, 23)
    context = load_demo(today=today)
    walks = list(WalkThrough.objects.filter(system=context.system).order_by("walked_on"))
    assert [w.branch.code for w in walks] == ["EAS", "EAS"]
    assert (walks[1].walked_on - walks[0].walked_on).days == 145
    assert CheckPoint.objects.filter(system=context.system).count() == 21
    sheet = walk_selectors.walk_sheet(walk=walks[1])
    assert sheet.previous == walks[0]
    changes = {row.point.key: row.change for row in sheet.changed}
    assert changes["entrance-hours"] == "better"
    assert changes["computers-working"] == "worse"
    assert [a.done_on is not None for a in sheet.previous_actions] == [True, True, False]
    assert [a.owner for a in walk_selectors.open_actions_for(user=context.staff["eas_staff"])] == [
        context.staff["eas_staff"]
    ]
    load_demo(today=today)
    assert WalkThrough.objects.count() == 2 and WalkAction.objects.count() == 4
