from datetime import date

import pytest
from django.urls import reverse

from patroncare.accounts.models import Role
from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.conftest import ADMIN_ONLY, ADMIN_ONLY_RECORD
from patroncare.libraries.models import Branch, Closure, Holiday, Location
from patroncare.libraries.tests.factories import ClosureFactory, HolidayFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["libraries:system", "libraries:branch_list", "libraries:holidays", "libraries:branch_create"]
)
def test_configuration_pages_are_for_administrators_of_the_system(role_matrix, url_name):
    role_matrix(reverse(url_name), ADMIN_ONLY, hidden_text="Millbrook Branch")


@pytest.mark.parametrize("url_name", ["libraries:branch_detail", "libraries:branch_edit"])
def test_branch_pages_answer_404_to_another_system(role_matrix, world, url_name):
    role_matrix(reverse(url_name, args=[world.branch.pk]), ADMIN_ONLY_RECORD, hidden_text="Millbrook Branch")


def test_location_page_answers_404_to_another_system(role_matrix, world):
    location = world.branch.locations.get()
    url = reverse("libraries:location_edit", args=[world.branch.pk, location.pk])
    role_matrix(url, ADMIN_ONLY_RECORD, hidden_text="Children&#x27;s area")


def test_location_of_another_branch_is_not_found_through_this_branch(signed_in, world):
    location = world.branch.locations.get()
    response = signed_in(world.users["administrator"]).get(
        reverse("libraries:location_edit", args=[world.other_branch.pk, location.pk])
    )
    assert response.status_code == 404


def _week_post(**overrides):
    data = {
        "hours-TOTAL_FORMS": "7",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "7",
        "hours-MAX_NUM_FORMS": "7",
    }
    for day in range(5):
        data |= {f"hours-{day}-open": "on", f"hours-{day}-opens": "09:00", f"hours-{day}-closes": "17:00"}
    return data | overrides


def test_administrator_adds_a_branch_with_its_hours(signed_in, world):
    data = _week_post(name="Riverside Branch", code="riv", address="1 River Rd", phone="", is_active="on")
    response = signed_in(world.users["administrator"]).post(reverse("libraries:branch_create"), data)
    branch = Branch.objects.get(system=world.system, code="RIV")
    assert response.status_code == 302
    assert [str(h) for h in branch.opening_hours.order_by("weekday")][0] == "Monday 09:00–17:00"
    assert branch.opening_hours.count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(branch.pk)).count() == 1


def test_closing_before_opening_is_refused_and_keeps_what_was_typed(signed_in, world):
    data = _week_post(
        name="Riverside Branch", code="RIV", **{"hours-2-opens": "18:00", "hours-2-closes": "09:00"}
    )
    response = signed_in(world.users["administrator"]).post(reverse("libraries:branch_create"), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "The closing time must be after the opening time." in content
    assert 'value="Riverside Branch"' in content
    assert not Branch.objects.filter(code="RIV").exists()


def test_a_duplicate_branch_code_gets_a_clear_message(signed_in, world):
    data = _week_post(name="Another", code="mil")
    response = signed_in(world.users["administrator"]).post(reverse("libraries:branch_create"), data)
    assert response.status_code == 400
    assert "Another branch already uses this code." in response.content.decode()
    assert Branch.objects.filter(system=world.system).count() == 2


def test_a_stale_branch_edit_is_refused_and_nothing_is_lost(signed_in, world):
    client = signed_in(world.users["administrator"])
    url = reverse("libraries:branch_edit", args=[world.branch.pk])
    first = _week_post(name="Millbrook Library", code="MIL", version="1", is_active="on")
    second = _week_post(name="Millbrook Community Library", code="MIL", version="1", is_active="on")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    world.branch.refresh_from_db()
    assert response.status_code == 400
    assert "Someone else saved this record while you were editing it." in response.content.decode()
    assert 'value="Millbrook Community Library"' in response.content.decode()
    assert (world.branch.name, world.branch.version) == ("Millbrook Library", 2)


def test_another_system_cannot_edit_a_branch_and_nothing_changes(signed_in, world):
    url = reverse("libraries:branch_edit", args=[world.branch.pk])
    response = signed_in(world.users["other_system_admin"]).post(
        url, _week_post(name="Taken", code="MIL", version="1")
    )
    world.branch.refresh_from_db()
    assert response.status_code == 404
    assert world.branch.name == "Millbrook Branch"


def test_supervisor_cannot_add_a_holiday_and_nothing_changes(signed_in, world):
    response = signed_in(world.users["supervisor"]).post(
        reverse("libraries:holidays"), {"date": "2026-12-25", "name": "Christmas Day"}
    )
    assert response.status_code == 403
    assert not Holiday.objects.exists()


def test_administrator_adds_and_removes_a_holiday(signed_in, world):
    client = signed_in(world.users["administrator"])
    client.post(reverse("libraries:holidays"), {"date": "2026-12-25", "name": "Christmas Day"})
    holiday = Holiday.objects.get(system=world.system)
    assert (holiday.date, holiday.name) == (date(2026, 12, 25), "Christmas Day")
    client.post(reverse("libraries:holiday_delete", args=[holiday.pk]))
    assert not Holiday.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_type="libraries.holiday").count() == 1


def test_another_systems_holiday_cannot_be_removed(signed_in, world):
    holiday = HolidayFactory(system=world.system, date=date(2026, 12, 25))
    response = signed_in(world.users["other_system_admin"]).post(
        reverse("libraries:holiday_delete", args=[holiday.pk])
    )
    assert response.status_code == 404
    assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_a_closure_ending_before_it_starts_is_refused(signed_in, world):
    response = signed_in(world.users["administrator"]).post(
        reverse("libraries:closure_create", args=[world.branch.pk]),
        {"closure-start_date": "2026-12-10", "closure-end_date": "2026-12-08", "closure-reason": "Roof"},
    )
    assert response.status_code == 400
    assert "The last day closed cannot be before the first day closed." in response.content.decode()
    assert not Closure.objects.exists()


def test_administrator_adds_a_location_and_a_closure(signed_in, world):
    client = signed_in(world.users["administrator"])
    client.post(
        reverse("libraries:location_create", args=[world.branch.pk]),
        {"location-name": "Computer lab", "location-kind": "computer_lab", "location-is_active": "on"},
    )
    client.post(
        reverse("libraries:closure_create", args=[world.branch.pk]),
        {"closure-start_date": "2026-12-08", "closure-end_date": "2026-12-10", "closure-reason": "Roof"},
    )
    assert Location.objects.filter(branch=world.branch, name="Computer lab", kind="computer_lab").exists()
    assert Closure.objects.get(branch=world.branch).reason == "Roof"


def test_closure_of_another_branch_cannot_be_removed_through_this_one(signed_in, world):
    closure = ClosureFactory(
        branch=world.other_branch, start_date=date(2026, 12, 1), end_date=date(2026, 12, 1)
    )
    response = signed_in(world.users["administrator"]).post(
        reverse("libraries:closure_delete", args=[world.branch.pk, closure.pk])
    )
    assert response.status_code == 404
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_system_settings_save_opening_days_and_time_zone(signed_in, world):
    response = signed_in(world.users["administrator"]).post(
        reverse("libraries:system"),
        {
            "name": "Riverside County Library",
            "time_zone": "America/Denver",
            "opening_weekdays": ["0", "1", "2", "5"],
            "director": "",
            "version": "1",
        },
    )
    world.system.refresh_from_db()
    assert response.status_code == 302
    assert (world.system.time_zone, world.system.opening_weekdays) == ("America/Denver", [0, 1, 2, 5])


def test_branch_list_queries_do_not_grow_with_branches(signed_in, world, django_assert_max_num_queries):
    client = signed_in(world.users["administrator"])
    for weekday in range(7):
        OpeningHoursFactory(branch=world.branch, weekday=weekday)
    client.get(reverse("libraries:branch_list"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("libraries:branch_list"))
    assert response.status_code == 200


DEFAULTS_POST = {
    "frontline": 403,
    "supervisor": 403,
    "administrator": 302,
    "security": 403,
    "trainer": 403,
    "trustee": 403,
    "other_branch_supervisor": 403,
    "other_system_admin": 302,
}


@pytest.mark.parametrize(("role", "status"), DEFAULTS_POST.items())
def test_the_settings_page_fills_in_missing_defaults_for_its_own_system_only(signed_in, world, role, status):
    from patroncare.retention.models import RetentionRule
    from patroncare.rulebook.defaults import DEFAULT_LIMITS
    from patroncare.rulebook.models import AppealSettings, IssueLimit

    IssueLimit.objects.create(system=world.system, role=Role.SUPERVISOR, length_number=14)
    response = signed_in(world.users[role]).post(reverse("libraries:system_defaults"))
    assert response.status_code == status
    own = role != "other_system_admin"
    installed_here = status == 302 and own
    assert IssueLimit.objects.filter(system=world.system).count() == (
        len(DEFAULT_LIMITS) if installed_here else 1
    )
    assert IssueLimit.objects.get(system=world.system, role=Role.SUPERVISOR).length_number == 14  # kept
    assert AppealSettings.objects.filter(system=world.system).exists() == installed_here
    assert RetentionRule.objects.filter(system=world.system).exists() == installed_here
    installed_there = status == 302 and not own
    assert IssueLimit.objects.filter(system=world.other_system).exists() == installed_there
    assert RetentionRule.objects.filter(system=world.other_system).exists() == installed_there


def test_the_settings_page_offers_the_defaults(signed_in, world):
    content = signed_in(world.users["administrator"]).get(reverse("libraries:system")).content.decode()
    assert reverse("libraries:system_defaults") in content and "Fill in the missing defaults" in content
