"""Two people deciding the same exclusion at once: the second is told, and the first decision stands."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from patroncare.conduct import services
from patroncare.conduct.models import Appeal, AppealDecision, Exclusion
from patroncare.core.concurrency import StaleEditError
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome


@pytest.fixture
def pending(conduct):
    """An immediate suspension pending review, issued by the director."""
    conduct.system.director = conduct.users["administrator"]
    conduct.system.save()
    person = PersonFactory(system=conduct.system)
    incident = IncidentFactory(
        branch=conduct.branch,
        reported_by=conduct.users["frontline"],
        rules=[conduct.rules["9"]],
        subject=person,
    )
    return services.exclusion_issue(
        actor=conduct.users["administrator"],
        incident=incident,
        person=person,
        outcome=Outcome.PENDING_REVIEW,
        start_date=today_in(conduct.system),
    )


def test_a_second_review_read_before_the_first_was_saved_is_refused(conduct, pending):
    first_page = Exclusion.objects.get(pk=pending.pk)
    second_page = Exclusion.objects.get(pk=pending.pk)
    end = first_page.start_date + timedelta(days=29)
    services.exclusion_complete_review(
        actor=conduct.users["supervisor"], exclusion=first_page, outcome=Outcome.SUSPENSION, end_date=end
    )
    with pytest.raises(StaleEditError):
        services.exclusion_complete_review(
            actor=conduct.users["administrator"], exclusion=second_page, outcome=Outcome.PERMANENT
        )
    pending.refresh_from_db()
    assert (pending.outcome, pending.end_date) == (Outcome.SUSPENSION, end)


def test_a_second_decision_on_the_same_appeal_is_refused_and_the_first_stands(case):
    case.system.director = case.users["administrator"]
    case.system.save()
    appeal = services.appeal_file(
        actor=case.users["supervisor"],
        exclusion=case.exclusion,
        received_at=timezone.now(),
        statement="I was not the one shouting.",
    )
    first_page = Appeal.objects.get(pk=appeal.pk)
    second_page = Appeal.objects.get(pk=appeal.pk)
    services.appeal_decide(
        actor=case.users["administrator"],
        appeal=first_page,
        decision=AppealDecision.UPHELD,
        reason="The camera shows the shouting.",
    )
    with pytest.raises(ValidationError, match="already"):
        services.appeal_decide(
            actor=case.users["administrator"],
            appeal=second_page,
            decision=AppealDecision.RESCINDED,
            reason="Second thoughts.",
        )
    case.exclusion.refresh_from_db()
    appeal.refresh_from_db()
    assert case.exclusion.rescinded_at is None
    assert (appeal.decision, appeal.decision_reason) == (
        AppealDecision.UPHELD,
        "The camera shows the shouting.",
    )
