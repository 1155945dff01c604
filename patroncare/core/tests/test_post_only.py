"""Actions accept only POST: a GET on an action's address answers 405 and writes nothing.

An action view that inherits its page's `get` answers a GET with the whole page (and an audit "read"), or with
a 500 when its address has arguments the page does not take. Every view routed in the URLconf must either
define its own `get` (it is a page) or accept no GET at all (it is an action).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from patroncare.audit.models import AuditEvent
from patroncare.conftest import sign_in


def routed_views(resolver=None, prefix=""):
    """(route, url name, view class) for every class-based view in the URLconf."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from routed_views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None:
                yield prefix + str(entry.pattern), entry.name, view_class


def get_origin(view_class):
    """The class in the view's lineage that defines the `get` it would answer with, or None."""
    if "get" not in view_class.http_method_names:
        return None
    return next((cls for cls in view_class.__mro__ if "get" in cls.__dict__), None)


def project_views():
    return [
        (route, name, cls) for route, name, cls in routed_views() if cls.__module__.startswith("patroncare.")
    ]


def test_no_routed_view_answers_get_with_another_routed_views_page():
    routed = {cls for _route, _name, cls in project_views()}
    inherited = sorted(
        f"{route} ({name}): {cls.__name__} answers GET with {origin.__name__}.get"
        for route, name, cls in project_views()
        if (origin := get_origin(cls)) is not None and origin is not cls and origin in routed
    )
    assert inherited == []


def action_routes():
    return sorted(
        (route, name)
        for route, name, cls in project_views()
        if hasattr(cls, "post") and get_origin(cls) is None
    )


def test_every_action_address_is_known_to_this_test():
    # A floor, so that the walk cannot silently find nothing.
    names = {name for _route, name in action_routes()}
    assert {"conduct:ladder_step_delete", "conduct:exclusion_approve", "conduct:appeal_create"} <= {
        f"conduct:{name}" for name in names
    }


@pytest.mark.parametrize(("route", "name"), action_routes())
def test_get_on_an_action_answers_405_and_writes_nothing(world, client, route, name):
    sign_in(client, world.users["administrator"])
    path = "/" + re.sub(r"<uuid:\w+>", "0f0e0d0c-0b0a-4908-8706-050403020100", route)
    path = re.sub(r"<(?:int|slug|str):\w+>", "1", path)
    assert "<" not in path and "^" not in path, f"fill in the argument of {route}"
    events = AuditEvent.objects.count()
    response = client.get(path)
    assert response.status_code == 405, f"GET {path} ({name}) answered {response.status_code}"
    assert AuditEvent.objects.count() == events
