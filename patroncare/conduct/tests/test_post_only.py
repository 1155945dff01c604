"""Every address that changes something answers GET with 405: never the page it belongs to, never a "read"."""

import pytest
from django.urls import URLPattern, reverse

from patroncare.audit.models import AuditEvent
from patroncare.conduct import urls as conduct_urls


def _post_only_patterns() -> list[URLPattern]:
    found = []
    for pattern in conduct_urls.urlpatterns:
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None:
            continue
        if not hasattr(view_class, "get") or "get" not in view_class.http_method_names:
            found.append(pattern)
    return found


POST_ONLY = _post_only_patterns()


def test_the_actions_of_the_exclusion_pages_are_found():
    """Guards the search itself: the actions named in the defect report are among them."""
    names = {pattern.name for pattern in POST_ONLY}
    assert {"ladder_step_delete", "class_delete", "exclusion_approve", "delivery_create"} <= names
    assert {"appeal_create", "lift_request_create", "photo_upload", "issue_limit"} <= names


@pytest.mark.parametrize("pattern", POST_ONLY, ids=lambda pattern: pattern.name)
@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_get_on_an_action_is_405_and_records_nothing(signed_in, case, pattern, role):
    values = {"pk": case.exclusion.pk, "appeal_pk": 1, "lift_pk": 1, "letter_pk": 1, "person_pk": 1}
    arguments = {name: values[name] for name in pattern.pattern.converters}
    client = signed_in(case.users[role])
    events_before = AuditEvent.objects.count()
    response = client.get(reverse(f"conduct:{pattern.name}", kwargs=arguments))
    assert response.status_code == 405
    assert AuditEvent.objects.count() == events_before
