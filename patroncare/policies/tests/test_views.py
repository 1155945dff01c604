import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from patroncare.conftest import ADMIN_ONLY, ADMIN_ONLY_RECORD, EVERY_MEMBER
from patroncare.libraries.calendar import local_date
from patroncare.policies.models import (
    EntryKind,
    EntryStatus,
    ExceptionEntry,
    Flexibility,
    Policy,
    PolicyReview,
    YesOMeterRating,
)
from patroncare.policies.tests.factories import ExceptionEntryFactory, PolicyFactory, PolicyReviewFactory

pytestmark = pytest.mark.django_db

SECRET = "Computer time limits"
READ_RECORD = {**EVERY_MEMBER, "other_system_admin": 404}
MANAGERS = {
    "frontline": 403,
    "supervisor": 200,
    "administrator": 200,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 200,
    "other_system_admin": 200,
    "anonymous": 302,
}
MANAGERS_RECORD = {**MANAGERS, "other_system_admin": 404}
RECORDERS = {**MANAGERS, "frontline": 200}


@pytest.fixture
def policy(world):
    return PolicyFactory(system=world.system, title=SECRET, flexibility=Flexibility.FIRM)


def test_policy_library_is_open_to_every_member(role_matrix):
    role_matrix(reverse("policies:list"), EVERY_MEMBER)


def test_policy_library_lists_only_the_systems_own_policies(role_matrix, policy):
    role_matrix(reverse("policies:list"), EVERY_MEMBER, hidden_text=SECRET)


@pytest.mark.parametrize("url_name", ["policies:detail", "policies:version"])
def test_policy_pages_answer_404_to_another_system(role_matrix, policy, url_name):
    args = [policy.pk, 1] if url_name == "policies:version" else [policy.pk]
    role_matrix(reverse(url_name, args=args), READ_RECORD, hidden_text=SECRET)


def test_adding_a_policy_is_for_administrators(role_matrix):
    role_matrix(reverse("policies:create"), ADMIN_ONLY)


def test_editing_a_policy_is_for_administrators_of_the_system(role_matrix, policy):
    role_matrix(reverse("policies:edit", args=[policy.pk]), ADMIN_ONLY_RECORD, hidden_text=SECRET)


@pytest.mark.parametrize("url_name", ["policies:acknowledgements", "policies:policy_consistency"])
def test_manager_pages_of_a_policy(role_matrix, policy, url_name):
    role_matrix(reverse(url_name, args=[policy.pk]), MANAGERS_RECORD, hidden_text=SECRET)


@pytest.mark.parametrize("url_name", ["policies:consistency", "policies:reviews"])
def test_manager_overviews(role_matrix, policy, url_name):
    role_matrix(reverse(url_name), MANAGERS)


def test_yes_o_meter_is_for_managers_and_trustees(role_matrix):
    role_matrix(reverse("policies:yes_o_meter"), {**MANAGERS, "trustee": 200})


@pytest.mark.parametrize("url_name", ["policies:exceptions", "policies:exception_create"])
def test_exception_pages_are_for_staff_who_record_them(role_matrix, url_name):
    role_matrix(reverse(url_name), RECORDERS)


def test_an_exception_entry_is_seen_by_its_author_and_the_supervisors_of_its_branch(
    role_matrix, world, policy
):
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        recorded_by=world.users["frontline"],
        asked="Asked to waive a lost-book charge",
    )
    role_matrix(
        reverse("policies:exception_detail", args=[entry.pk]),
        {**RECORDERS, "other_branch_supervisor": 404, "other_system_admin": 404},
        hidden_text="Asked to waive a lost-book charge",
    )


def test_review_page_answers_404_to_another_system(role_matrix, policy):
    review = PolicyReviewFactory(policy=policy)
    role_matrix(reverse("policies:review_detail", args=[review.pk]), MANAGERS_RECORD, hidden_text=SECRET)


# Logging exceptions ---------------------------------------------------------------------------------------


def _exception_post(world, policy, **overrides):
    return {
        "branch": world.branch.pk,
        "policy": policy.pk,
        "kind": EntryKind.EXCEPTION,
        "asked": "Asked to waive the charge for a damaged book.",
        "granted": "Charge waived.",
        "reason": "First time.",
        "told_patron": "Said it was an exception.",
        "occurred_on": local_date(world.system, timezone.now()).isoformat(),
    } | overrides


def test_front_line_staff_log_a_firm_exception_that_waits_for_approval(signed_in, world, policy):
    response = signed_in(world.users["frontline"]).post(
        reverse("policies:exception_create"), _exception_post(world, policy)
    )
    entry = ExceptionEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("policies:exception_detail", args=[entry.pk])
    assert entry.status == EntryStatus.PENDING


def test_a_fixed_policy_refuses_the_exception_shows_why_and_the_alternatives(signed_in, world):
    fixed = PolicyFactory(
        system=world.system,
        title="Privacy of records",
        flexibility=Flexibility.FIXED,
        alternatives="- The account holder can call with their card.",
    )
    response = signed_in(world.users["administrator"]).post(
        reverse("policies:exception_create"), _exception_post(world, fixed)
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "This policy cannot bend" in content
    assert "The account holder can call with their card." in content
    assert "Asked to waive the charge for a damaged book." in content  # what was typed stays
    assert ExceptionEntry.objects.count() == 0


def test_missing_fields_answer_400_and_keep_what_was_typed(signed_in, world, policy):
    response = signed_in(world.users["frontline"]).post(
        reverse("policies:exception_create"), _exception_post(world, policy, reason="", granted="")
    )
    assert response.status_code == 400
    assert "Asked to waive the charge for a damaged book." in response.content.decode()
    assert ExceptionEntry.objects.count() == 0


def test_choosing_a_policy_shows_its_place_on_the_scale(signed_in, world, policy):
    response = signed_in(world.users["frontline"]).get(
        reverse("policies:exception_create"), {"policy": policy.pk}
    )
    assert "A supervisor may grant an exception; it is recorded." in response.content.decode()


def test_the_supervisor_approves_from_the_entry_page(signed_in, world, policy):
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        recorded_by=world.users["frontline"],
    )
    response = signed_in(world.users["supervisor"]).post(
        reverse("policies:exception_decide", args=[entry.pk]), {"decision": "approve", "note": ""}
    )
    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.status, entry.decided_by) == (EntryStatus.APPROVED, world.users["supervisor"])


@pytest.mark.parametrize(
    "user_key, status",
    [("frontline", 403), ("other_branch_supervisor", 404), ("other_system_admin", 404), ("trustee", 403)],
)
def test_a_denied_decision_changes_nothing(signed_in, world, policy, user_key, status):
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        recorded_by=world.users["frontline"],
    )
    response = signed_in(world.users[user_key]).post(
        reverse("policies:exception_decide", args=[entry.pk]), {"decision": "approve"}
    )
    entry.refresh_from_db()
    assert response.status_code == status
    assert (entry.status, entry.decided_by) == (EntryStatus.PENDING, None)


def test_declining_without_a_note_answers_400(signed_in, world, policy):
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        recorded_by=world.users["frontline"],
    )
    response = signed_in(world.users["supervisor"]).post(
        reverse("policies:exception_decide", args=[entry.pk]), {"decision": "decline", "note": ""}
    )
    entry.refresh_from_db()
    assert response.status_code == 400
    assert entry.status == EntryStatus.PENDING


# Lists with a constant number of queries -----------------------------------------------------------------


def test_exception_log_query_count_does_not_grow_with_the_page(
    signed_in, world, policy, django_assert_max_num_queries
):
    client = signed_in(world.users["administrator"])
    ExceptionEntryFactory.create_batch(3, policy=policy, branch=world.branch)
    with django_assert_max_num_queries(14):
        client.get(reverse("policies:exceptions"))
    ExceptionEntryFactory.create_batch(20, policy=policy, branch=world.other_branch)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("policies:exceptions"))
    assert response.content.decode().count('data-label="Policy"') == 23


def test_policy_list_query_count_does_not_grow_with_the_page(signed_in, world, django_assert_max_num_queries):
    client = signed_in(world.users["frontline"])
    PolicyFactory.create_batch(2, system=world.system)
    with django_assert_max_num_queries(10):
        client.get(reverse("policies:list"))
    PolicyFactory.create_batch(20, system=world.system)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("policies:list"))
    assert response.content.decode().count("To acknowledge") == 22


def test_consistency_overview_query_count_does_not_grow_with_policies(
    signed_in, world, django_assert_max_num_queries
):
    client = signed_in(world.users["administrator"])
    for _i in range(2):
        ExceptionEntryFactory(policy=PolicyFactory(system=world.system), branch=world.branch)
    with django_assert_max_num_queries(10):
        client.get(reverse("policies:consistency"))
    for _i in range(10):
        ExceptionEntryFactory(policy=PolicyFactory(system=world.system), branch=world.branch)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("policies:consistency"))
    assert response.content.decode().count('data-label="Policy"><a') == 12


# Policies, acknowledgements, reviews, ratings ------------------------------------------------------------


def test_administrator_adds_a_policy_with_its_first_version(signed_in, world):
    response = signed_in(world.users["administrator"]).post(
        reverse("policies:create"),
        {
            "title": "Food and drink",
            "area": "spaces",
            "flexibility": "yes_and",
            "body": "Yes: covered drinks.",
            "alternatives": "",
            "owner": "",
            "review_cycle_months": "24",
            "next_review_on": "",
        },
    )
    policy = Policy.objects.get(title="Food and drink")
    assert response.status_code == 302
    assert (policy.current_number, policy.versions.count()) == (1, 1)


def test_a_stale_policy_edit_is_refused_and_keeps_the_text(signed_in, world, policy):
    Policy.objects.filter(pk=policy.pk).update(version=2)
    response = signed_in(world.users["administrator"]).post(
        reverse("policies:edit", args=[policy.pk]),
        {
            "title": SECRET,
            "area": policy.area,
            "flexibility": policy.flexibility,
            "body": "A new body text.",
            "alternatives": "",
            "owner": "",
            "review_cycle_months": "24",
            "next_review_on": policy.next_review_on.isoformat(),
            "version": "1",
            "change_summary": "New body.",
        },
    )
    policy.refresh_from_db()
    assert response.status_code == 400
    assert "A new body text." in response.content.decode()
    assert policy.current_number == 1


def test_acknowledging_removes_the_policy_from_the_desk(signed_in, world, policy):
    client = signed_in(world.users["frontline"])
    assert SECRET in client.get(reverse("core:desk")).content.decode()
    response = client.post(reverse("policies:acknowledge", args=[policy.pk]))
    assert response.status_code == 302
    desk = client.get(reverse("core:desk")).content.decode()
    assert "You are up to date with every policy." in desk


def test_the_trustee_cannot_acknowledge(signed_in, world, policy):
    response = signed_in(world.users["trustee"]).post(reverse("policies:acknowledge", args=[policy.pk]))
    assert response.status_code == 403
    assert not policy.versions.get().acknowledgements.exists()


def test_ending_a_review_with_a_missing_answer_answers_400_and_keeps_the_answers(signed_in, world, policy):
    review = PolicyReviewFactory(policy=policy)
    response = signed_in(world.users["administrator"]).post(
        reverse("policies:review_detail", args=[review.pk]),
        {
            "action": "complete",
            "version": "1",
            "housing_and_id": "Shelter letters.",
            "disability": "By e-mail.",
            "language": "In Spanish.",
            "young_people": "",
            "crisis": "None.",
            "outcome": "keep",
            "outcome_note": "Fine.",
        },
    )
    review.refresh_from_db()
    assert response.status_code == 400
    assert "Shelter letters." in response.content.decode()
    assert review.status == "open"


def test_a_supervisor_cannot_change_a_review(signed_in, world, policy):
    review = PolicyReviewFactory(policy=policy)
    response = signed_in(world.users["supervisor"]).post(
        reverse("policies:review_detail", args=[review.pk]),
        {"action": "save", "version": "1", "housing_and_id": "Changed."},
    )
    assert response.status_code == 403
    assert PolicyReview.objects.get(pk=review.pk).housing_and_id == ""


def test_a_supervisor_rates_their_branch(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(
        reverse("policies:yes_o_meter"),
        {"branch": world.branch.pk, "area": "signage", "rating": "2", "note": "New signs at the entrance."},
    )
    assert response.status_code == 302
    assert YesOMeterRating.objects.get().rating == 2


def test_a_rating_for_a_branch_outside_the_scope_answers_400(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(
        reverse("policies:yes_o_meter"), {"branch": world.other_branch.pk, "area": "signage", "rating": "2"}
    )
    assert response.status_code == 400
    assert not YesOMeterRating.objects.exists()


def test_formatted_policy_text_is_sanitised(signed_in, world):
    policy = PolicyFactory(
        system=world.system, body="**Bold** <script>alert(1)</script> [x](javascript:alert(2))"
    )
    content = (
        signed_in(world.users["frontline"]).get(reverse("policies:detail", args=[policy.pk])).content.decode()
    )
    assert "<strong>Bold</strong>" in content
    assert "<script>alert(1)" not in content
    assert "javascript:alert" not in content


@pytest.mark.parametrize("user_key", ["security", "trainer", "trustee"])
def test_roles_that_do_not_record_cannot_log_and_nothing_is_saved(signed_in, world, policy, user_key):
    response = signed_in(world.users[user_key]).post(
        reverse("policies:exception_create"), _exception_post(world, policy)
    )
    assert response.status_code == 403
    assert ExceptionEntry.objects.count() == 0


def test_a_supervisor_cannot_add_or_change_a_policy(signed_in, world, policy):
    client = signed_in(world.users["supervisor"])
    data = {
        "title": "New",
        "area": "spaces",
        "flexibility": "fixed",
        "body": "Text.",
        "review_cycle_months": "24",
        "version": "1",
        "change_summary": "x",
    }
    assert client.post(reverse("policies:create"), data).status_code == 403
    assert client.post(reverse("policies:edit", args=[policy.pk]), data).status_code == 403
    policy.refresh_from_db()
    assert (Policy.objects.count(), policy.title, policy.flexibility) == (1, SECRET, Flexibility.FIRM)


def test_logging_at_a_branch_outside_the_users_scope_answers_400(signed_in, world, policy):
    response = signed_in(world.users["frontline"]).post(
        reverse("policies:exception_create"), _exception_post(world, policy, branch=world.other_branch.pk)
    )
    assert response.status_code == 400
    assert ExceptionEntry.objects.count() == 0


def test_an_administrator_starts_a_review_and_a_supervisor_cannot(signed_in, world, policy):
    denied = signed_in(world.users["supervisor"]).post(reverse("policies:review_start", args=[policy.pk]))
    assert denied.status_code == 403
    assert not PolicyReview.objects.exists()
    response = signed_in(world.users["administrator"]).post(
        reverse("policies:review_start", args=[policy.pk])
    )
    review = PolicyReview.objects.get()
    assert response["Location"] == reverse("policies:review_detail", args=[review.pk])


def test_another_system_cannot_acknowledge_or_review_a_policy(signed_in, world, policy):
    client = signed_in(world.users["other_system_admin"])
    assert client.post(reverse("policies:acknowledge", args=[policy.pk])).status_code == 404
    assert client.post(reverse("policies:review_start", args=[policy.pk])).status_code == 404
    assert not PolicyReview.objects.exists()
    assert not policy.versions.get().acknowledgements.exists()


def test_the_consistency_page_marks_the_branch_that_reads_the_policy_differently(signed_in, world, policy):
    from patroncare.libraries.tests.factories import BranchFactory

    third = BranchFactory(system=world.system, name="Third Branch", code="THI")
    for branch, granted in [(world.branch, 18), (world.other_branch, 4), (third, 5)]:
        ExceptionEntryFactory.create_batch(
            granted,
            policy=policy,
            branch=branch,
            kind=EntryKind.EXCEPTION,
            status=EntryStatus.APPROVED,
            decided_by=world.users["supervisor"],
            decided_at=timezone.now(),
        )
        ExceptionEntryFactory.create_batch(20 - granted, policy=policy, branch=branch)
    content = signed_in(world.users["administrator"]).get(reverse("policies:consistency")).content.decode()
    assert "Millbrook Branch (90.0 %)" in content
    assert "Oakton Branch (" not in content and "Third Branch (" not in content


def test_the_second_supervisor_is_told_who_decided_first_and_when(signed_in, world, policy, client):
    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory
    from patroncare.policies import services

    second = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, world.branch)])
    first = world.users["supervisor"]
    first.full_name = "Ana Quiroga"
    first.save()
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        recorded_by=world.users["frontline"],
    )
    services.exception_decide(actor=first, entry=entry, approve=True, note="Agreed.")
    entry.refresh_from_db()
    response = signed_in(second).post(
        reverse("policies:exception_decide", args=[entry.pk]),
        {"decision": "decline", "note": "Not this time."},
        follow=True,
    )
    when = timezone.localtime(entry.decided_at, world.system.zone)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"This was already decided by Ana Quiroga ({date_format(when, 'DATETIME_FORMAT')})." in body
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decision_note) == (EntryStatus.APPROVED, first, "Agreed.")


def test_the_service_refuses_a_second_decision_with_who_and_when(world, policy):
    from django.core.exceptions import ValidationError

    from patroncare.accounts.models import Role
    from patroncare.accounts.tests.factories import UserFactory
    from patroncare.policies import services

    second = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, world.branch)])
    entry = ExceptionEntryFactory(
        policy=policy,
        branch=world.branch,
        kind=EntryKind.EXCEPTION,
        status=EntryStatus.PENDING,
        recorded_by=world.users["frontline"],
    )
    stale = type(entry).objects.get(pk=entry.pk)
    services.exception_decide(actor=world.users["supervisor"], entry=entry, approve=True, note="")
    with pytest.raises(ValidationError) as refused:
        services.exception_decide(actor=second, entry=stale, approve=False, note="No.")
    assert "already decided by" in refused.value.messages[0]
