"""Who is told that a deviation, an appeal or a request to lift waits for them, and what clears it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from patroncare.accounts.tests.factories import UserFactory
from patroncare.conduct import services
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.libraries.calendar import today_in
from patroncare.notifications.models import Notification
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import Outcome

pytestmark = pytest.mark.django_db


def _waiting(kind):
    return sorted(
        Notification.objects.filter(kind=kind, read_at__isnull=True).values_list("user__email", flat=True)
    )


@pytest.fixture
def director(conduct):
    director = UserFactory(library_system=conduct.system, email="director@example.org")
    conduct.system.director = director
    conduct.system.save()
    return director


def test_a_deviation_waits_for_those_who_may_approve_it_and_approving_clears_it(case, sent):
    # `case` issued a deviating suspension (by the supervisor) and the administrator approved it.
    notification = Notification.objects.get(kind="conduct.deviation_to_approve")
    assert notification.user == case.users["administrator"]  # not the issuer, not another branch
    assert notification.read_at is not None and notification.cleared_by_action
    assert notification.url.endswith(f"/conduct/exclusions/{case.exclusion.pk}/")
    assert "Casey" not in notification.line


def test_an_appeal_waits_for_the_director_who_decides_it(case, director, sent):
    with sent():
        appeal = services.appeal_file(
            actor=case.users["supervisor"],
            exclusion=case.exclusion,
            received_at=timezone.now() - timedelta(minutes=5),
            statement="I was not the one shouting.",
        )
    assert _waiting("conduct.appeal_to_decide") == ["director@example.org"]
    assert Notification.objects.get(kind="conduct.appeal_to_decide").url.endswith(
        f"/conduct/exclusions/{case.exclusion.pk}/appeals/{appeal.pk}/"
    )


def test_a_request_to_lift_waits_for_its_decider(conduct, director, sent):
    today = today_in(conduct.system)
    exclusion = ExclusionFactory(
        system=conduct.system,
        person=PersonFactory(system=conduct.system, name="Robin Long"),
        branch=conduct.branch,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=800),
        lift_request_after=today - timedelta(days=70),
        issued_by=conduct.users["administrator"],
        rules=[conduct.rules["9"]],
    )
    with sent():
        lift_request = services.lift_request_record(
            actor=conduct.users["supervisor"],
            exclusion=exclusion,
            received_at=timezone.now() - timedelta(hours=1),
            received_how="letter",
            statement="It has been more than two years; I ask to come back.",
        )
    assert _waiting("conduct.lift_to_decide") == ["director@example.org"]
    with sent():
        services.lift_request_decide(
            actor=director,
            lift_request=lift_request,
            expected_version=lift_request.version,
            decision="refused",
            reason="The behaviour was too recent.",
        )
    assert _waiting("conduct.lift_to_decide") == []
