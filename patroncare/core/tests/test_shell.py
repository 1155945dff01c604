from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conftest import EVERY_MEMBER
from patroncare.libraries.tests.factories import ClosureFactory, HolidayFactory

pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    return [str(entry.label) for entry in response.context["nav_entries"]]


def test_desk_is_open_to_every_member_and_closed_to_anonymous(role_matrix):
    role_matrix(reverse("core:desk"), EVERY_MEMBER)


def test_home_sends_anonymous_visitors_to_sign_in(client):
    assert client.get("/").url == reverse("accounts:login")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("frontline", ["Desk"]),
        ("supervisor", ["Desk"]),
        ("trustee", ["Desk"]),
        ("administrator", ["Desk", "Library settings", "Staff", "Audit trail"]),
    ],
)
def test_navigation_shows_only_what_the_role_may_use(signed_in, world, role, expected):
    response = signed_in(world.users[role]).get(reverse("core:desk"))
    shell_entries = [
        label
        for label in nav_labels(response)
        if label in {"Desk", "Library settings", "Staff", "Audit trail"}
    ]
    assert shell_entries == expected


def test_the_desk_lists_closures_of_the_users_branches_only(signed_in, world):
    today = timezone.localdate()
    ClosureFactory(
        branch=world.branch,
        start_date=today + timedelta(days=2),
        end_date=today + timedelta(days=3),
        reason="Floor repair",
    )
    ClosureFactory(branch=world.other_branch, start_date=today, end_date=today, reason="Oakton staff day")
    HolidayFactory(system=world.system, date=today + timedelta(days=1), name="Founders Day")
    content = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    assert "Millbrook Branch closed: Floor repair" in content
    assert "Founders Day: every branch closed" in content
    assert "Oakton staff day" not in content
    assert f"{date_format(today + timedelta(days=2), 'DATE_FORMAT')} to" in content


def test_a_one_day_closure_shows_one_date(signed_in, world):
    today = timezone.localdate()
    ClosureFactory(branch=world.branch, start_date=today, end_date=today, reason="Inventory")
    content = signed_in(world.users["frontline"]).get(reverse("core:desk")).content.decode()
    assert f"{date_format(today, 'DATE_FORMAT')} to" not in content
    assert "Millbrook Branch closed: Inventory" in content


def test_the_administrators_desk_lists_what_is_not_set_up(signed_in, world):
    UserFactory(library_system=world.system, full_name="Nora Noroles")
    content = signed_in(world.users["administrator"]).get(reverse("core:desk")).content.decode()
    assert "No director is set" in content
    assert "Millbrook Branch has no opening hours" in content
    assert "Oakton Branch has no locations" in content
    assert "Nora Noroles has no role" in content
    assert "Millbrook Branch has no locations" not in content


def test_a_member_without_a_role_sees_an_explanation(signed_in, world):
    member = UserFactory(library_system=world.system)
    content = signed_in(member).get(reverse("core:desk")).content.decode()
    assert "You have no role yet" in content


def test_the_desk_makes_the_same_number_of_queries_whatever_the_data(signed_in, world):
    today = timezone.localdate()
    client = signed_in(world.users["administrator"])
    ClosureFactory(branch=world.branch, start_date=today, end_date=today, reason="c0")
    client.get(reverse("core:desk"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:desk"))
    for offset in range(1, 6):
        ClosureFactory(branch=world.other_branch, start_date=today, end_date=today + timedelta(days=offset))
        HolidayFactory(system=world.system, date=today + timedelta(days=offset), name=f"H{offset}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:desk"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_language_switch_remembers_the_choice_of_a_member(signed_in, world):
    user = world.users["frontline"]
    client = signed_in(user)
    response = client.post(reverse("core:set_language"), {"language": "es", "next": "/desk/"})
    user.refresh_from_db()
    assert response.status_code == 302 and response.url == "/desk/"
    assert user.preferred_language == "es"
    assert client.cookies["django_language"].value == "es"


def test_language_switch_works_before_signing_in(client):
    client.post(reverse("core:set_language"), {"language": "es", "next": "/account/sign-in/"})
    assert client.cookies["django_language"].value == "es"


def test_an_unknown_language_changes_nothing(signed_in, world):
    user = world.users["frontline"]
    signed_in(user).post(reverse("core:set_language"), {"language": "xx", "next": "/desk/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_a_member_of_another_system_never_sees_this_systems_closures(signed_in, world):
    ClosureFactory(
        branch=world.branch, start_date=date.today(), end_date=date.today(), reason="Private reason"
    )
    content = signed_in(world.users["other_system_admin"]).get(reverse("core:desk")).content.decode()
    assert "Private reason" not in content and "Millbrook" not in content


def test_roles_are_read_once_per_request(signed_in, world):
    user = UserFactory(library_system=world.system, roles=[(Role.SUPERVISOR, world.branch)])
    client = signed_in(user)
    client.get(reverse("core:desk"))
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("core:desk"))
    # The role scopes query reads from the role table itself; other modules may join it in their own reads.
    role_queries = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "accounts_roleassignment"."role"')
    ]
    assert len(role_queries) == 1
