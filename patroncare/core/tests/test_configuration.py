"""Configuration comes from the environment, production passes Django's deployment checks, and every
string of the interface has its Spanish translation."""

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-for-the-deploy-check-only" + "y" * 20,
    "DJANGO_ALLOWED_HOSTS": "patroncare.example.org",
    "DATABASE_URL": "postgres://patroncare@db.example.org:5432/patroncare",
    "CELERY_BROKER_URL": "redis://cache.example.org:6379/0",
}


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603  (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check_without_a_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = PRODUCTION_ENV | {"DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_database_url_selects_postgresql():
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        env_overrides=PRODUCTION_ENV,
    )
    assert result.stdout.strip() == "postgresql", result.stderr


def catalogues():
    return [
        BASE_DIR / "locale/es/LC_MESSAGES/django.po",
        *sorted(BASE_DIR.glob("patroncare/*/locale/es/LC_MESSAGES/django.po")),
    ]


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_every_spanish_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


def test_every_app_with_strings_has_a_spanish_catalogue():
    apps_with_strings = {path.parts[-2] for path in BASE_DIR.glob("patroncare/*/apps.py")} - {"testing"}
    with_catalogue = {
        path.parts[-5] for path in BASE_DIR.glob("patroncare/*/locale/es/LC_MESSAGES/django.po")
    }
    assert apps_with_strings <= with_catalogue
