from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patroncare.audit.models import AuditEvent
from patroncare.libraries.calendar import local_date
from patroncare.policies import services
from patroncare.policies.models import (
    Acknowledgement,
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Flexibility,
    PolicyReview,
    RatingArea,
    ReviewOutcome,
    ReviewStatus,
    ReviewTrigger,
    YesOMeterRating,
)
from patroncare.policies.selectors import policies_to_acknowledge
from patroncare.policies.tests.factories import PolicyFactory, PolicyReviewFactory

pytestmark = pytest.mark.django_db

ASK = {
    "asked": "Thirty more minutes on the computer.",
    "granted": "Thirty minutes.",
    "reason": "Finishing a job application.",
    "told_patron": "Said it was a one-off exception.",
}


def _record(world, user_key, policy, kind=EntryKind.EXCEPTION, **overrides):
    return services.exception_record(
        actor=world.users[user_key], branch=world.branch, policy=policy, kind=kind, **(ASK | overrides)
    )


# The Scale of Yes, level by level ------------------------------------------------------------------------


@pytest.mark.parametrize("user_key", ["frontline", "supervisor", "administrator"])
def test_no_role_can_log_an_exception_to_a_fixed_policy(world, user_key):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIXED, title="Privacy of records")
    with pytest.raises(services.FixedPolicyError) as refused:
        _record(world, user_key, policy)
    assert list(refused.value.error_dict) == ["kind"]
    assert ExceptionEntry.objects.count() == 0


def test_the_database_refuses_an_exception_to_a_fixed_policy_written_around_the_service(world):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIXED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExceptionEntry.objects.create(
            system=world.system,
            branch=world.branch,
            policy=policy,
            flexibility=Flexibility.FIXED,
            kind=EntryKind.EXCEPTION,
            status=EntryStatus.RECORDED,
            occurred_on=timezone.localdate(),
            recorded_by=world.users["administrator"],
            recorded_at=timezone.now(),
            **ASK,
        )
    assert ExceptionEntry.objects.count() == 0


def test_enforcing_a_fixed_policy_is_logged(world):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIXED)
    entry = _record(world, "frontline", policy, kind=EntryKind.ENFORCED, granted="ignored")
    assert (entry.kind, entry.status, entry.granted) == (EntryKind.ENFORCED, EntryStatus.RECORDED, "")


def test_an_exception_to_a_firm_policy_from_the_desk_waits_for_a_supervisor(world):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIRM)
    entry = _record(world, "frontline", policy)
    assert (entry.status, entry.decided_by) == (EntryStatus.PENDING, None)


def test_a_supervisor_granting_a_firm_exception_records_the_approval_at_once(world):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIRM)
    entry = _record(world, "supervisor", policy)
    assert (entry.status, entry.decided_by) == (EntryStatus.APPROVED, world.users["supervisor"])


@pytest.mark.parametrize("flexibility", [Flexibility.FLEXIBLE, Flexibility.YES_AND])
def test_flexible_and_yes_and_exceptions_are_simply_recorded(world, flexibility):
    policy = PolicyFactory(system=world.system, flexibility=flexibility)
    entry = _record(world, "frontline", policy)
    assert (entry.status, entry.flexibility, entry.granted) == (
        EntryStatus.RECORDED,
        flexibility,
        "Thirty minutes.",
    )


def test_staff_cannot_log_at_a_branch_where_they_do_not_work(world):
    policy = PolicyFactory(system=world.system)
    with pytest.raises(PermissionDenied):
        services.exception_record(
            actor=world.users["frontline"],
            branch=world.other_branch,
            policy=policy,
            kind=EntryKind.ENFORCED,
            **ASK,
        )
    assert ExceptionEntry.objects.count() == 0


@pytest.mark.parametrize(
    "field, text",
    [
        ("asked", "Card 2 1234 5678 9012 asked for time"),
        ("reason", "Write to maria@example.org"),
        ("told_patron", "Called 555 123 4567"),
        ("reason", "He is homeless so I let it go"),
        ("asked", "Un señor borracho pidió más tiempo"),
    ],
)
def test_identifying_details_are_refused_and_nothing_is_saved(world, field, text):
    policy = PolicyFactory(system=world.system)
    with pytest.raises(ValidationError) as refused:
        _record(world, "frontline", policy, **{field: text})
    assert list(refused.value.error_dict) == [field]
    assert ExceptionEntry.objects.count() == 0


def test_an_exception_must_say_what_was_granted_and_cannot_be_in_the_future(world):
    policy = PolicyFactory(system=world.system)
    with pytest.raises(ValidationError) as refused:
        _record(
            world,
            "frontline",
            policy,
            granted=" ",
            occurred_on=local_date(world.system, timezone.now()) + timedelta(days=1),
        )
    assert sorted(refused.value.error_dict) == ["granted", "occurred_on"]


# Approval -------------------------------------------------------------------------------------------------


def test_a_supervisor_of_the_branch_approves_a_pending_exception(world):
    entry = _record(world, "frontline", PolicyFactory(system=world.system, flexibility=Flexibility.FIRM))
    services.exception_decide(actor=world.users["supervisor"], entry=entry, approve=True, note="Agreed.")
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decision_note) == (
        EntryStatus.APPROVED,
        world.users["supervisor"],
        "Agreed.",
    )
    assert entry.outcome == "granted"


def test_a_declined_exception_counts_as_enforcement_and_needs_a_reason(world):
    entry = _record(world, "frontline", PolicyFactory(system=world.system, flexibility=Flexibility.FIRM))
    with pytest.raises(ValidationError):
        services.exception_decide(actor=world.users["supervisor"], entry=entry, approve=False, note="")
    services.exception_decide(
        actor=world.users["supervisor"], entry=entry, approve=False, note="A payment plan instead."
    )
    entry.refresh_from_db()
    assert (entry.status, entry.outcome) == (EntryStatus.DECLINED, "enforced")


@pytest.mark.parametrize(
    "user_key", ["other_branch_supervisor", "frontline", "security", "other_system_admin"]
)
def test_others_cannot_decide_and_nothing_changes(world, user_key):
    entry = _record(world, "frontline", PolicyFactory(system=world.system, flexibility=Flexibility.FIRM))
    with pytest.raises(PermissionDenied):
        services.exception_decide(actor=world.users[user_key], entry=entry, approve=True)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (EntryStatus.PENDING, None)


# Reviews --------------------------------------------------------------------------------------------------


def test_a_review_request_opens_one_review_and_later_requests_join_it(world):
    policy = PolicyFactory(system=world.system)
    first = services.policy_review_request(
        policy=policy,
        reason="Patron could not get a card",
        source_label="Complaint C-2026-0041",
        trigger=ReviewTrigger.COMPLAINT,
    )
    second = services.policy_review_request(
        policy=policy, reason="Same again", source_label="Complaint C-2026-0050"
    )
    assert first.pk == second.pk
    assert PolicyReview.objects.filter(policy=policy, status=ReviewStatus.OPEN).count() == 1
    assert second.trigger == ReviewTrigger.COMPLAINT
    assert "Complaint C-2026-0041" in second.reasons and "Complaint C-2026-0050" in second.reasons


def test_twelve_exceptions_in_ninety_days_open_a_review(world):
    policy = PolicyFactory(system=world.system)
    for _i in range(services.EXCEPTION_REVIEW_THRESHOLD - 1):
        _record(world, "frontline", policy)
    assert not PolicyReview.objects.filter(policy=policy).exists()
    _record(world, "frontline", policy)
    review = PolicyReview.objects.get(policy=policy)
    assert (review.trigger, review.status) == (ReviewTrigger.EXCEPTIONS, ReviewStatus.OPEN)


def test_a_policy_past_its_review_date_is_due_and_a_review_starts_as_a_cycle_review(world):
    policy = PolicyFactory(system=world.system, next_review_on=timezone.localdate() - timedelta(days=1))
    assert policy.review_due(timezone.localdate())
    review = services.policy_review_start(actor=world.users["administrator"], policy=policy)
    assert review.trigger == ReviewTrigger.CYCLE


ANSWERS = {
    "housing_and_id": "Shelter letters accepted.",
    "disability": "Documents by e-mail.",
    "language": "List in Spanish.",
    "young_people": "Parent may vouch.",
    "crisis": "No barrier.",
}


def test_a_review_cannot_end_before_every_checklist_question_is_answered(world):
    review = PolicyReviewFactory(policy=PolicyFactory(system=world.system))
    with pytest.raises(ValidationError) as refused:
        services.policy_review_complete(
            actor=world.users["administrator"],
            review=review,
            expected_version=1,
            outcome=ReviewOutcome.KEEP,
            outcome_note="Fine.",
            answers=ANSWERS | {"crisis": ""},
        )
    assert list(refused.value.error_dict) == ["crisis"]
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN


def test_keeping_a_policy_sets_the_next_review_one_cycle_ahead(world):
    policy = PolicyFactory(system=world.system, review_cycle_months=12)
    review = PolicyReviewFactory(policy=policy)
    services.policy_review_complete(
        actor=world.users["administrator"],
        review=review,
        expected_version=1,
        outcome=ReviewOutcome.KEEP,
        outcome_note="Works for everyone.",
        answers=ANSWERS,
    )
    policy.refresh_from_db()
    assert policy.next_review_on == services.add_months(local_date(world.system, timezone.now()), 12)
    assert PolicyReview.objects.get(pk=review.pk).status == ReviewStatus.DONE


def test_changing_a_policy_publishes_a_version_staff_must_acknowledge(world):
    policy = PolicyFactory(system=world.system, flexibility=Flexibility.FIRM)
    frontline = world.users["frontline"]
    services.policy_acknowledge(user=frontline, policy=policy)
    assert list(policies_to_acknowledge(user=frontline)) == []
    review = PolicyReviewFactory(policy=policy)
    services.policy_review_complete(
        actor=world.users["administrator"],
        review=review,
        expected_version=1,
        outcome=ReviewOutcome.CHANGE,
        outcome_note="Shelter letters count.",
        answers=ANSWERS,
        body="A shelter letter is proof of address.",
        flexibility=Flexibility.FLEXIBLE,
        change_summary="Shelter letters accepted.",
    )
    policy.refresh_from_db()
    assert (policy.current_number, policy.flexibility) == (2, Flexibility.FLEXIBLE)
    assert policy.versions.get(number=2).change_summary == "Shelter letters accepted."
    assert list(policies_to_acknowledge(user=frontline)) == [policy]
    services.policy_acknowledge(user=frontline, policy=policy)
    assert list(policies_to_acknowledge(user=frontline)) == []
    assert Acknowledgement.objects.filter(user=frontline).count() == 2


def test_retiring_a_policy_takes_it_out_of_the_library(world):
    policy = PolicyFactory(system=world.system)
    services.policy_review_complete(
        actor=world.users["administrator"],
        review=PolicyReviewFactory(policy=policy),
        expected_version=1,
        outcome=ReviewOutcome.RETIRE,
        outcome_note="Obsolete.",
        answers=ANSWERS,
    )
    policy.refresh_from_db()
    assert policy.is_retired


def test_a_text_change_without_a_summary_is_refused_and_nothing_changes(world):
    policy = PolicyFactory(system=world.system, body="Old text.")
    with pytest.raises(ValidationError):
        services.policy_update(
            actor=world.users["administrator"], policy=policy, expected_version=1, body="New."
        )
    policy.refresh_from_db()
    assert (policy.body, policy.current_number, policy.versions.count()) == ("Old text.", 1, 1)


def test_only_administrators_review(world):
    policy = PolicyFactory(system=world.system)
    with pytest.raises(PermissionDenied):
        services.policy_review_start(actor=world.users["supervisor"], policy=policy)
    assert not PolicyReview.objects.exists()


# Yes-O-Meter ----------------------------------------------------------------------------------------------


def test_a_supervisor_rates_their_branch_and_a_second_rating_the_same_day_corrects_it(world):
    supervisor = world.users["supervisor"]
    services.yes_rating_record(actor=supervisor, branch=world.branch, area=RatingArea.SIGNAGE, rating=1)
    services.yes_rating_record(actor=supervisor, branch=world.branch, area=RatingArea.SIGNAGE, rating=2)
    assert list(YesOMeterRating.objects.values_list("rating", flat=True)) == [2]
    assert AuditEvent.objects.filter(object_type="policies.yesometerrating").count() == 2


def test_a_supervisor_cannot_rate_another_branch(world):
    with pytest.raises(PermissionDenied):
        services.yes_rating_record(
            actor=world.users["supervisor"], branch=world.other_branch, area=RatingArea.SIGNAGE, rating=1
        )
    assert not YesOMeterRating.objects.exists()


def test_a_label_is_refused_with_a_suggestion_and_a_description_is_accepted(world):
    policy = PolicyFactory(system=world.system)
    with pytest.raises(ValidationError) as refused:
        _record(world, "frontline", policy, reason="Seemed drunk, so I said no")
    assert refused.value.error_dict["reason"][0].messages == [
        "“drunk” labels a person. Describe what was asked, said or done instead (for example “no fixed "
        "address”, “said they had been drinking”)."
    ]
    entry = _record(world, "frontline", policy, reason="No fixed address, so no proof of address to show")
    assert entry.reason == "No fixed address, so no proof of address to show"
