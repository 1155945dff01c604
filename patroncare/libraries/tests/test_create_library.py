from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from patroncare.accounts.models import Role, User
from patroncare.libraries.models import LibrarySystem

pytestmark = pytest.mark.django_db

ARGS = [
    "--name",
    "Maple County Public Library",
    "--slug",
    "maple",
    "--time-zone",
    "America/Denver",
    "--admin-email",
    "it@maple.example",
    "--admin-name",
    "Robin Park",
]


def test_create_library_makes_the_system_and_its_first_administrator(client):
    out = StringIO()
    call_command("create_library", *ARGS, stdout=out)
    system = LibrarySystem.objects.get(slug="maple")
    admin = User.objects.get(email="it@maple.example")
    assert (system.name, system.time_zone) == ("Maple County Public Library", "America/Denver")
    assert admin.library_system == system
    assert list(admin.role_assignments.values_list("role", "branch")) == [(Role.ADMINISTRATOR, None)]
    link = out.getvalue().strip().splitlines()[-1].strip()
    assert link.startswith("http://127.0.0.1:8000/account/password-reset/")
    response = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert "Choose a new password" in response.content.decode()


def test_create_library_refuses_a_taken_short_name_and_changes_nothing():
    call_command("create_library", *ARGS, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command(
            "create_library",
            *ARGS[:-4],
            "--admin-email",
            "other@maple.example",
            "--admin-name",
            "X",
            stdout=StringIO(),
        )
    assert User.objects.count() == 1


def test_create_library_refuses_an_unknown_time_zone():
    with pytest.raises(CommandError):
        call_command("create_library", *ARGS[:4], "--time-zone", "Mars/Olympus", *ARGS[6:], stdout=StringIO())
    assert not LibrarySystem.objects.exists()
