"""While the database restarts, a reader gets 503, "try again" in their language, and what they typed."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

NARRATIVE = "The restroom on the second floor has been locked <b>all week</b>."


@pytest.fixture
def patron():
    return Client(raise_request_exception=False)


def _database_down(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_patron_sending_feedback_during_a_database_restart_gets_503_and_their_text(world, patron):
    with mock.patch("patroncare.complaints.views.public.public_system", _database_down):
        response = patron.post(reverse("complaints_public:feedback"), {"narrative": NARRATIVE, "website": ""})
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Please try again in a moment" in body
    assert "The restroom on the second floor has been locked &lt;b&gt;all week&lt;/b&gt;." in body
    assert "<b>all week</b>" not in body


def test_the_outage_page_follows_the_patrons_language(world, patron):
    with mock.patch("patroncare.complaints.views.public.public_system", _database_down):
        response = patron.post(
            reverse("complaints_public:feedback"), {"narrative": NARRATIVE}, HTTP_ACCEPT_LANGUAGE="es"
        )
    body = response.content.decode()
    assert response.status_code == 503
    assert 'lang="es"' in body and "Vuelva a intentarlo en un momento" in body


def test_tokens_and_passwords_are_never_echoed(world, patron):
    with mock.patch("patroncare.complaints.views.public.public_system", _database_down):
        response = patron.post(
            reverse("complaints_public:feedback"),
            {"narrative": NARRATIVE, "csrfmiddlewaretoken": "tok-abc-123", "password": "hunter2-secret"},
        )
    body = response.content.decode()
    assert "tok-abc-123" not in body and "hunter2-secret" not in body


def test_any_other_failure_is_still_the_500_page(world, patron):
    with mock.patch("patroncare.complaints.views.public.public_system", side_effect=RuntimeError("bug")):
        response = patron.get(reverse("complaints_public:feedback"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
