"""Complaints that point at a policy of the policy library: triage, patterns and the review they ask for."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from patroncare.complaints import selectors, services
from patroncare.complaints.models import Category, Complaint, ComplaintSettings
from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.complaints.tests.test_services import _respond, _triaged
from patroncare.policies.models import PolicyReview as LibraryPolicyReview
from patroncare.policies.models import ReviewTrigger
from patroncare.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def _triage(world, complaint, policy):
    return services.complaint_triage(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        category=Category.objects.filter(system=world.system).first(),
        severity="moderate",
        kind="complaint",
        policy=policy,
    )


def test_triage_records_the_policy_of_the_library(world):
    policy = PolicyFactory(system=world.system, title="Fines and fees")
    complaint = _triage(world, _triaged(world), policy)
    assert Complaint.objects.get(pk=complaint.pk).policy == policy


def test_a_policy_of_another_system_is_refused_and_nothing_changes(world):
    foreign = PolicyFactory(system=world.other_system)
    complaint = _triaged(world)
    with pytest.raises(ValidationError):
        _triage(world, complaint, foreign)
    assert Complaint.objects.get(pk=complaint.pk).policy is None


def test_closing_as_systemic_asks_the_policy_library_for_a_review(world):
    policy = PolicyFactory(system=world.system, title="Fines and fees")
    complaint = _triage(world, _triaged(world), policy)
    _respond(world, complaint)
    complaint.refresh_from_db()
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="systemic",
        reason="Fines are charged for returns the scanner missed.",
        new_review={
            "subject": "Returns check-in",
            "owner": world.users["supervisor"],
            "due_date": date(2027, 1, 15),
        },
    )
    review = LibraryPolicyReview.objects.get(policy=policy)
    assert review.trigger == ReviewTrigger.COMPLAINT
    assert complaint.reference in review.reasons
    assert "Fines are charged for returns the scanner missed." in review.reasons


def test_a_one_off_case_asks_for_no_policy_review(world):
    policy = PolicyFactory(system=world.system)
    complaint = _triage(world, _triaged(world), policy)
    _respond(world, complaint)
    complaint.refresh_from_db()
    services.complaint_close(
        actor=world.users["supervisor"],
        complaint=complaint,
        expected_version=complaint.version,
        judgement="one_off",
        reason="A single mistake at the desk.",
    )
    assert not LibraryPolicyReview.objects.exists()


def test_cases_touching_one_policy_form_a_pattern(world):
    ComplaintSettings.objects.update_or_create(system=world.system, defaults={"pattern_threshold": 3})
    policy = PolicyFactory(system=world.system, title="Computer time limits")
    cases = [ComplaintFactory(branch=world.branch, policy=policy) for _ in range(3)]
    ComplaintFactory(branch=world.branch, policy=PolicyFactory(system=world.system))
    patterns = [p for p in selectors.patterns_for(user=world.users["administrator"]) if "Computer" in p.label]
    assert len(patterns) == 1
    assert patterns[0].label == "Policy touched: Computer time limits"
    assert sorted(patterns[0].case_ids) == sorted(case.pk for case in cases)


def test_the_triage_form_offers_only_this_systems_policies(signed_in, world):
    PolicyFactory(system=world.system, title="Fines and fees")
    PolicyFactory(system=world.other_system, title="Elsewhere secret policy")
    complaint = _triaged(world)
    page = signed_in(world.users["supervisor"]).get(reverse("complaints:detail", args=[complaint.pk]))
    content = page.content.decode()
    assert "Fines and fees" in content and "Elsewhere secret policy" not in content
