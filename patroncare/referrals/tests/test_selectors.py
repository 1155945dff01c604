"""Open now, read in the library's time zone, across midnight; counts for the reports in the database."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from patroncare.libraries.tests.factories import BranchFactory
from patroncare.referrals import selectors, services
from patroncare.referrals.models import Referral
from patroncare.referrals.selectors import HelpFilters

from .factories import CategoryFactory, HoursFactory, ResourceFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def open_names(user, moment):
    return {r.name_en for r in selectors.find_help(user=user, filters=HelpFilters(open_now=True), now=moment)}


@pytest.fixture
def shelters(world):
    day = ResourceFactory(system=world.system, name_en="Day centre")
    HoursFactory(resource=day, weekday=0, opens=time(9), closes=time(17))  # Monday
    night = ResourceFactory(system=world.system, name_en="Night shelter")
    HoursFactory(resource=night, weekday=0, opens=time(20), closes=time(8))  # Monday night into Tuesday
    line = ResourceFactory(system=world.system, name_en="Crisis line")
    for weekday in range(7):
        HoursFactory(resource=line, weekday=weekday, opens=time(0), closes=time(0))
    late = ResourceFactory(system=world.system, name_en="Late pantry")
    HoursFactory(resource=late, weekday=0, opens=time(18), closes=time(0))  # closes at midnight
    return world


def test_open_now_is_read_on_the_librarys_clock_not_the_servers(shelters):
    user = shelters.users["frontline"]  # Chicago: UTC-5 in winter
    # 16:30 in Chicago on Monday 7 December 2026 is 22:30 UTC: the day centre is open, not the night shelter.
    assert open_names(user, datetime(2026, 12, 7, 22, 30, tzinfo=UTC)) == {"Day centre", "Crisis line"}
    shelters.system.time_zone = "Pacific/Honolulu"  # UTC-10: the same moment is 12:30 there
    shelters.system.save()
    user.library_system.refresh_from_db()
    assert open_names(user, datetime(2026, 12, 7, 22, 30, tzinfo=UTC)) == {"Day centre", "Crisis line"}
    # 03:30 UTC on Tuesday is 21:30 Monday in Chicago but 17:30 Monday in Honolulu.
    assert open_names(user, datetime(2026, 12, 8, 3, 30, tzinfo=UTC)) == {"Crisis line"}
    shelters.system.time_zone = "America/Chicago"
    shelters.system.save()
    user.library_system.refresh_from_db()
    assert open_names(user, datetime(2026, 12, 8, 3, 30, tzinfo=UTC)) == {
        "Night shelter",
        "Crisis line",
        "Late pantry",
    }


def test_overnight_hours_run_past_midnight_into_the_next_day(shelters):
    user = shelters.users["frontline"]
    chicago = ZoneInfo("America/Chicago")
    # Tuesday 01:00 and 07:59: still Monday night's shelter; 08:00 it has closed.
    assert "Night shelter" in open_names(user, datetime(2026, 12, 8, 1, 0, tzinfo=chicago))
    assert "Night shelter" in open_names(user, datetime(2026, 12, 8, 7, 59, tzinfo=chicago))
    assert "Night shelter" not in open_names(user, datetime(2026, 12, 8, 8, 0, tzinfo=chicago))
    # Monday 01:00 is Sunday night, when it is closed.
    assert "Night shelter" not in open_names(user, datetime(2026, 12, 7, 1, 0, tzinfo=chicago))
    # Closing at 00:00 means midnight: open at 23:59 Monday, closed at 00:00 Tuesday.
    assert "Late pantry" in open_names(user, datetime(2026, 12, 7, 23, 59, tzinfo=chicago))
    assert "Late pantry" not in open_names(user, datetime(2026, 12, 8, 0, 0, tzinfo=chicago))
    # Sunday night into Monday wraps the week: Sunday is 6, Monday 0.
    sunday = ResourceFactory(system=shelters.system, name_en="Sunday night")
    HoursFactory(resource=sunday, weekday=6, opens=time(22), closes=time(2))
    assert "Sunday night" in open_names(user, datetime(2026, 12, 7, 1, 0, tzinfo=chicago))


def test_find_help_filters_by_need_and_whole_language_codes(world):
    food = CategoryFactory(system=world.system, slug="food")
    ResourceFactory(system=world.system, name_en="Pantry", languages="en,es", categories=[food])
    ResourceFactory(system=world.system, name_en="Estonian club", languages="et,est", categories=[food])
    ResourceFactory(system=world.system, name_en="Legal clinic", languages="es")
    ResourceFactory(system=world.other_system, name_en="Elsewhere pantry", languages="es", categories=[])
    user = world.users["frontline"]
    spanish_food = selectors.find_help(user=user, filters=HelpFilters(need="food", language="es"))
    assert [r.name_en for r in spanish_food] == ["Pantry"]
    assert {r.name_en for r in selectors.find_help(user=user, filters=HelpFilters(language="es"))} == {
        "Pantry",
        "Legal clinic",
    }


def test_find_help_makes_the_same_number_of_queries_for_any_number_of_results(
    world, django_assert_num_queries
):
    food = CategoryFactory(system=world.system, slug="food")
    for _ in range(3):
        HoursFactory(resource=ResourceFactory(system=world.system, categories=[food]))
    user = world.users["frontline"]
    user.library_system  # noqa: B018 - loaded once per request by the middleware
    with django_assert_num_queries(3):
        assert len(list(selectors.find_help(user=user, filters=HelpFilters(need="food")))) == 3
    for _ in range(5):
        HoursFactory(resource=ResourceFactory(system=world.system, categories=[food]))
    with django_assert_num_queries(3):
        assert len(list(selectors.find_help(user=user, filters=HelpFilters(need="food")))) == 8


def test_referral_counts_by_need_and_branch_for_a_period_in_one_query(world, django_assert_num_queries):
    food = CategoryFactory(system=world.system, slug="food", name_en="Food")
    shelter = CategoryFactory(system=world.system, slug="shelter", name_en="Shelter")
    other = BranchFactory(system=world.system, name="Aardvark Branch")
    for branch, need, day in [
        (world.branch, food, date(2026, 1, 31)),
        (world.branch, food, date(2026, 2, 28)),
        (world.branch, shelter, date(2026, 2, 1)),
        (other, food, date(2026, 2, 15)),
        (world.branch, food, date(2026, 3, 1)),  # outside the period
    ]:
        Referral.objects.create(system=world.system, branch=branch, need=need, language="en", made_on=day)
    with django_assert_num_queries(1):
        rows = selectors.referral_counts_by_need(
            system=world.system, start=date(2026, 1, 31), end=date(2026, 2, 28)
        )
    assert [(r["branch_name"], r["need_slug"], r["count"]) for r in rows] == [
        ("Aardvark Branch", "food", 1),
        ("Millbrook Branch", "food", 2),
        ("Millbrook Branch", "shelter", 1),
    ]


def test_a_need_with_no_spanish_name_is_named_in_english_for_a_spanish_reader(world):
    food = CategoryFactory(system=world.system, slug="food", name_en="Food", name_es="")
    shelter = CategoryFactory(system=world.system, slug="shelter", name_en="Shelter", name_es="Albergue")
    for need in (food, shelter):
        Referral.objects.create(
            system=world.system, branch=world.branch, need=need, language="es", made_on=date(2026, 2, 1)
        )
    with translation.override("es"):
        rows = selectors.referral_counts_by_need(
            system=world.system, start=date(2026, 2, 1), end=date(2026, 2, 1)
        )
    assert sorted(row["need_name"] for row in rows) == ["Albergue", "Food"]


def test_verification_falls_due_by_calendar_months_from_a_month_end(world):
    resource = ResourceFactory(system=world.system, last_verified_on=date(2025, 8, 31), verify_every_months=6)
    assert resource.verification_due_on() == date(2026, 2, 28)
    assert not resource.is_stale(date(2026, 2, 27))
    assert resource.is_stale(date(2026, 2, 28))
    leap = ResourceFactory(system=world.system, last_verified_on=date(2024, 2, 29), verify_every_months=12)
    assert leap.verification_due_on() == date(2025, 2, 28)
    services.resource_verify(actor=world.users["supervisor"], resource=leap, on=date(2025, 3, 1))
    leap.refresh_from_db()
    assert leap.verification_due_on() == date(2026, 3, 1)
