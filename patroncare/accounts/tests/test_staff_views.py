import pytest
from django.core import mail
from django.urls import reverse

from patroncare.accounts.models import Role, RoleAssignment, User
from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.conftest import ADMIN_ONLY, ADMIN_ONLY_RECORD, EVERY_MEMBER

pytestmark = pytest.mark.django_db


def test_staff_list_is_for_administrators_of_the_system(role_matrix, world):
    role_matrix(reverse("accounts:staff_list"), ADMIN_ONLY, hidden_text=world.users["frontline"].email)


def test_staff_record_answers_404_to_another_system(role_matrix, world):
    member = world.users["frontline"]
    role_matrix(reverse("accounts:staff_edit", args=[member.pk]), ADMIN_ONLY_RECORD, hidden_text=member.email)


def test_own_account_page_is_open_to_every_member(role_matrix):
    role_matrix(reverse("accounts:account"), EVERY_MEMBER)


def _roles(*rows):
    data = {
        "roles-TOTAL_FORMS": str(len(rows)),
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "20",
    }
    for index, (role, branch) in enumerate(rows):
        data |= {f"roles-{index}-role": role, f"roles-{index}-branch": str(branch.pk) if branch else ""}
    return data


def test_administrator_adds_staff_with_roles_and_an_invitation(
    signed_in, world, django_capture_on_commit_callbacks
):
    client = signed_in(world.users["administrator"])
    data = {"email": "New.Person@Example.org", "full_name": "New Person", "preferred_language": "es"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:staff_create"),
            data | _roles((Role.FRONTLINE, world.branch), (Role.TRAINER, None)),
        )
    member = User.objects.get(email="new.person@example.org")
    assert response.status_code == 302
    assert member.library_system == world.system
    assert set(member.role_assignments.values_list("role", "branch")) == {
        (Role.FRONTLINE, world.branch.pk),
        (Role.TRAINER, None),
    }
    assert not member.has_usable_password()
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert "Riverside County Library" in mail.outbox[0].subject  # rendered in the invitee's language
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(member.pk)).count() == 1


def test_a_branch_of_another_system_cannot_be_given(signed_in, world):
    client = signed_in(world.users["administrator"])
    data = {"email": "x@example.org", "full_name": "X", "preferred_language": "en"}
    response = client.post(
        reverse("accounts:staff_create"), data | _roles((Role.FRONTLINE, world.other_system_branch))
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_existing_email_is_refused_and_input_kept(signed_in, world):
    client = signed_in(world.users["administrator"])
    data = {"email": world.users["trainer"].email, "full_name": "Typed Name", "preferred_language": "en"}
    response = client.post(reverse("accounts:staff_create"), data | _roles())
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert 'value="Typed Name"' in response.content.decode()


def test_changing_roles_is_audited_with_before_and_after(signed_in, world):
    member = world.users["frontline"]
    client = signed_in(world.users["administrator"])
    data = {"full_name": member.full_name, "preferred_language": "en", "is_active": "on", "version": 1}
    client.post(
        reverse("accounts:staff_edit", args=[member.pk]), data | _roles((Role.SUPERVISOR, world.branch))
    )
    assert list(member.role_assignments.values_list("role", flat=True)) == [Role.SUPERVISOR]
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(member.pk))
    # Roles are codes (role:branch id): nothing in the trail names anyone.
    assert event.event == "accounts.staff_changed"
    assert event.changes["roles"] == {
        "old": [f"frontline:{world.branch.pk}"],
        "new": [f"supervisor:{world.branch.pk}"],
    }


def test_administrator_cannot_deactivate_themselves(signed_in, world):
    admin = world.users["administrator"]
    client = signed_in(admin)
    data = {"full_name": admin.full_name, "preferred_language": "en", "version": 1}
    response = client.post(
        reverse("accounts:staff_edit", args=[admin.pk]), data | _roles((Role.ADMINISTRATOR, None))
    )
    admin.refresh_from_db()
    assert response.status_code == 400 and admin.is_active


def test_another_system_cannot_change_a_member_and_nothing_changes(signed_in, world):
    member = world.users["frontline"]
    client = signed_in(world.users["other_system_admin"])
    data = {"full_name": "Hijacked", "preferred_language": "en", "is_active": "on", "version": 1}
    response = client.post(reverse("accounts:staff_edit", args=[member.pk]), data | _roles())
    member.refresh_from_db()
    assert response.status_code == 404
    assert member.full_name != "Hijacked"
    assert RoleAssignment.objects.filter(user=member).count() == 1


def test_staff_list_queries_stay_flat(signed_in, world, django_assert_max_num_queries):
    client = signed_in(world.users["administrator"])
    client.get(reverse("accounts:staff_list"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("accounts:staff_list")).status_code == 200
