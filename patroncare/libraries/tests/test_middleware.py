from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from patroncare.libraries.middleware import LibraryTimeZoneMiddleware

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 11, 23, 22, 30, tzinfo=ZoneInfo("UTC"))


def render_during_request(user) -> str:
    request = RequestFactory().get("/desk/")
    request.user = user
    rendered = {}

    def view(request):
        rendered["time"] = Template("{{ moment|date:'Y-m-d H:i' }}").render(Context({"moment": MOMENT}))
        return None

    LibraryTimeZoneMiddleware(view)(request)
    return rendered["time"]


def test_times_are_shown_in_the_library_systems_time_zone(world):
    world.system.time_zone = "America/Chicago"
    world.system.save()
    assert render_during_request(world.users["frontline"]) == "2026-11-23 16:30"


def test_another_system_sees_the_same_moment_in_its_own_zone(world):
    world.other_system.time_zone = "Asia/Tokyo"
    world.other_system.save()
    assert render_during_request(world.users["other_system_admin"]) == "2026-11-24 07:30"
    assert timezone.get_current_timezone_name() == "UTC"  # nothing leaks past the request
