import pytest

from patroncare.conduct.models import Appeal, Exclusion, Hearing, LiftRequest
from patroncare.conduct.state import ExclusionState, exclusion_state
from patroncare.core.demo import load_demo
from patroncare.incidents.models import Incident
from patroncare.patrons.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def _counts():
    return (
        Incident.objects.count(),
        Exclusion.objects.count(),
        Appeal.objects.count(),
        Person.objects.count(),
        LiftRequest.objects.count(),
    )


def test_demo_has_a_year_of_incidents_and_a_decided_appeal_and_loads_twice_without_change():
    context = load_demo()
    first = _counts()
    # A year of incidents, and five from three years ago for the retention schedule.
    assert first[0] == 155
    assert Appeal.objects.exclude(decision="").count() >= 1
    assert Hearing.objects.filter(appeal__decision="", attendance="").count() == 1
    assert Exclusion.objects.exclude(deviation_reason="").count() == 1
    dates = Incident.objects.filter(system=context.system).values_list("occurred_at", flat=True)
    assert (max(dates) - min(dates)).days > 300
    decisions = sorted(LiftRequest.objects.values_list("decision", flat=True))
    assert decisions == ["", "granted", "refused"]
    lifted = Exclusion.objects.get(lift_requests__decision="granted")
    assert exclusion_state(lifted, today=context.today, open_appeal=False) == ExclusionState.ENDED
    refused = LiftRequest.objects.get(decision="refused")
    assert refused.exclusion.lift_request_after < context.today
    load_demo(today=context.today)
    assert _counts() == first
