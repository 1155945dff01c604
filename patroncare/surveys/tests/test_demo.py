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
