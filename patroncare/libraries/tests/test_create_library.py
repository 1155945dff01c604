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


def _new_library():
    call_command("create_library", *ARGS, stdout=StringIO())
    return LibrarySystem.objects.get(slug="maple"), User.objects.get(email="it@maple.example")


def test_a_new_library_starts_with_default_limits_appeal_rules_and_retention():
    from patroncare.retention.models import RetentionRule
    from patroncare.rulebook.defaults import DEFAULT_LIMITS
    from patroncare.rulebook.models import AppealSettings, IssueLimit

    system, _ = _new_library()
    limits = {
        limit.role: (limit.length_number, limit.length_unit, limit.may_issue_open_ended)
        for limit in IssueLimit.objects.filter(system=system)
    }
    assert limits == DEFAULT_LIMITS
    # Every role has one, trainers and trustees included, and so has the director (no limit by default).
    assert set(limits) == {*(role.value for role in Role), "director"}
    assert limits["director"] == (None, "days", True)
    assert AppealSettings.objects.get(system=system).decision_days == 10
    retention = RetentionRule.objects.get(system=system, record_type="incidents.incident")
    assert (retention.keep_number, retention.keep_unit, retention.action) == (3, "years", "anonymise")


def test_a_supervisor_of_a_new_library_issues_an_exclusion_within_the_default_limit():
    from datetime import timedelta

    from patroncare.accounts.tests.factories import UserFactory
    from patroncare.conduct.services import exclusion_issue
    from patroncare.core.access import Refused
    from patroncare.incidents.tests.factories import IncidentFactory
    from patroncare.libraries.calendar import today_in
    from patroncare.libraries.tests.factories import BranchFactory
    from patroncare.patrons.tests.factories import PersonFactory
    from patroncare.rulebook.models import Outcome

    system, _ = _new_library()
    branch = BranchFactory(system=system, name="Maple Main", code="MM")
    supervisor = UserFactory(library_system=system, roles=[(Role.SUPERVISOR, branch)])
    clerk = UserFactory(library_system=system, roles=[(Role.FRONTLINE, branch)])
    person = PersonFactory(system=system)
    incident = IncidentFactory(branch=branch, reported_by=clerk, subject=person)
    today = today_in(system)
    exclusion = exclusion_issue(
        actor=supervisor,
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=29),
        branch=branch,
        deviation_reason="The library has no ladder yet.",
    )
    assert exclusion.pk and exclusion.issued_by == supervisor
    with pytest.raises(Refused):
        exclusion_issue(
            actor=supervisor,
            incident=incident,
            person=person,
            outcome=Outcome.SUSPENSION,
            start_date=today,
            end_date=today + timedelta(days=400),
            branch=branch,
            deviation_reason="Beyond the supervisor's default limit.",
        )
