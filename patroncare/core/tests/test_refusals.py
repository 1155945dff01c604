"""One type of refusal: a form shows it like a service error; elsewhere it is the 403 page with its reason."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from patroncare.core.access import Refused, refuse_unless
from patroncare.core.errors import permission_denied
from patroncare.core.forms import add_service_errors


class NoteForm(forms.Form):
    note = forms.CharField()


def test_refuse_unless_raises_only_when_not_allowed():
    refuse_unless(True, "never shown")
    with pytest.raises(Refused) as refused:
        refuse_unless(False, "Your role may not decide this exception.")
    assert str(refused.value) == "Your role may not decide this exception."
    # A refusal is both: views that show service errors on forms, and Django's 403, handle it.
    assert isinstance(refused.value, PermissionDenied) and isinstance(refused.value, ValidationError)


def test_a_form_shows_a_refusal_at_the_top_and_keeps_what_was_typed():
    form = NoteForm({"note": "What I typed"})
    assert form.is_valid()
    add_service_errors(form, Refused("Only a supervisor may lower the severity."))
    assert form.non_field_errors() == ["Only a supervisor may lower the severity."]
    assert form.data["note"] == "What I typed"


@pytest.mark.django_db
def test_the_403_page_says_why_for_a_refusal_and_nothing_more_for_any_other():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    refused = permission_denied(request, Refused("That policy belongs to another library system."))
    assert refused.status_code == 403
    assert "That policy belongs to another library system." in refused.content.decode()
    other = permission_denied(request, PermissionDenied("internal detail"))
    assert other.status_code == 403
    assert "internal detail" not in other.content.decode()
    assert "Your role does not include this page" in other.content.decode()
