from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from patroncare.accounts.models import Role, RoleAssignment, User
from patroncare.core.demo import DEMO_PASSWORD
from patroncare.libraries.models import Branch, LibrarySystem

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def project_row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "contenttypes", "auth", "admin"}
    }


def test_the_demo_is_a_realistic_library_system():
    out = StringIO()
    call_command("load_demo", stdout=out)
    riverbend = LibrarySystem.objects.get(slug="riverbend")
    branches = Branch.objects.filter(system=riverbend)
    assert branches.count() >= 6
    assert branches.filter(is_small=True).count() == 1
    for branch in branches:
        assert branch.locations.count() >= 4, branch
        assert branch.opening_hours.exists(), branch
    assert riverbend.holidays.count() >= 10
    assert riverbend.director is not None
    held = set(RoleAssignment.objects.filter(user__library_system=riverbend).values_list("role", flat=True))
    assert held == set(Role.values)
    printed = out.getvalue()
    for role_label in ["Front-line staff", "Supervisor", "Administrator", "Security", "Trainer", "Trustee"]:
        assert role_label in printed
    assert DEMO_PASSWORD in printed


def test_every_printed_login_works():
    out = StringIO()
    call_command("load_demo", stdout=out)
    emails = [word for line in out.getvalue().splitlines() for word in line.split() if "@" in word]
    assert len(emails) >= 6
    for email in emails:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    before = project_row_counts()
    versions = list(Branch.objects.order_by("pk").values_list("pk", "name", "version"))
    call_command("load_demo", stdout=StringIO())
    assert project_row_counts() == before
    assert list(Branch.objects.order_by("pk").values_list("pk", "name", "version")) == versions


def test_the_demo_is_not_loaded_over_a_real_library(world):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "was not loaded" in out.getvalue()
    assert not LibrarySystem.objects.filter(slug="riverbend").exists()


def test_the_demo_code_command_prints_the_administrators_current_code():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_code", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
