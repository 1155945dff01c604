import pytest
from django.urls import reverse

from config.celery import app

pytestmark = pytest.mark.django_db


def test_health_reports_the_database_and_the_eager_task_engine(client):
    response = client.get(reverse("core:health"))
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True and body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["task_engine"]["mode"] == "eager"


def test_health_answers_503_when_the_broker_cannot_be_reached(client, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json()["task_engine"] == {
        "ok": False,
        "mode": "broker",
        "error": response.json()["task_engine"]["error"],
    }
    assert response.json()["status"] == "error"


def test_health_needs_no_sign_in_and_is_not_cached(client):
    response = client.get(reverse("core:health"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
