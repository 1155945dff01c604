"""What the library changed and how it cared for staff, on hand-worked records of Q1 2026 (Chicago), Q4 2025
(the period before) and Q1 2025 (the same period last year)."""

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import translation

from patroncare.complaints.models import PublicStatement, StatementStatus
from patroncare.complaints.tests.factories import ComplaintFactory
from patroncare.incidents.models import CheckIn, Debrief
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.policies.models import EntryKind, EntryStatus, ReviewOutcome, ReviewStatus
from patroncare.policies.tests.factories import ExceptionEntryFactory, PolicyFactory, PolicyReviewFactory
from patroncare.reports.selectors import build_dashboard, dashboard_for, dashboard_scope
from patroncare.training.tests.factories import (
    AssignmentFactory,
    PlayFactory,
    ScenarioFactory,
    VersionFactory,
)

from .conftest import Q1, local
from .test_figures import rows


@pytest.fixture
def learning(world):
    system, branch, other = world.system, world.branch, world.other_branch
    staff = world.users["frontline"]
    fines = PolicyFactory(system=system, title="Fines", title_es="Multas")
    food = PolicyFactory(system=system, title="Food and drink", title_es="")
    elsewhere = PolicyFactory(system=world.other_system, title="Elsewhere's policy")
    # Reviews: one opened and decided in Q1; one opened in Q4 and decided at 23:30 on 31 March (still Q1).
    PolicyReviewFactory(
        policy=fines,
        opened_at=local(2026, 1, 10, 9),
        status=ReviewStatus.DONE,
        outcome=ReviewOutcome.CHANGE,
        decided_at=local(2026, 2, 1, 10),
    )
    PolicyReviewFactory(
        policy=food,
        opened_at=local(2025, 12, 15, 9),
        status=ReviewStatus.DONE,
        outcome=ReviewOutcome.KEEP,
        decided_at=local(2026, 3, 31, 23, 30),
    )
    PolicyReviewFactory(policy=elsewhere, opened_at=local(2026, 1, 10, 9))

    # Statements published 2, 4 and 10 days after their complaint in Q1 (median 4), one 6 days after in Q4.
    def statement(received, days):
        complaint = ComplaintFactory(system=system, branch=branch, received_at=received)
        PublicStatement.objects.create(
            complaint=complaint,
            system=system,
            title="We got it wrong",
            body="What we changed.",
            title_es="Nos equivocamos",
            body_es="Lo que cambiamos.",
            status=StatementStatus.PUBLISHED,
            drafted_by=world.users["administrator"],
            approved_at=received + timedelta(days=1),
            trustee_reviewed_at=received + timedelta(days=1),
            published_at=received + timedelta(days=days),
        )

    statement(local(2026, 1, 5, 12), 2)
    statement(local(2026, 2, 1, 12), 4)
    statement(local(2026, 3, 1, 12), 10)
    statement(local(2025, 11, 2, 12), 6)

    # Exceptions granted: two to Fines at Millbrook in Q1, one to Food and drink at Oakton on 29 February 2024
    # is outside every period; enforcements are not exceptions.
    def entry(policy, where, day, kind=EntryKind.EXCEPTION):
        ExceptionEntryFactory(
            policy=policy, branch=where, occurred_on=day, kind=kind, status=EntryStatus.RECORDED
        )

    entry(fines, branch, date(2026, 1, 1))
    entry(fines, branch, date(2026, 3, 31))
    entry(food, other, date(2025, 3, 15))
    entry(food, other, date(2024, 2, 29))
    entry(fines, branch, date(2026, 2, 2), kind=EntryKind.ENFORCED)

    # Debriefs and check-ins due in Q1: one held on its day, one late, one never; two check-ins, one on time.
    def incident(where=branch):
        return IncidentFactory(branch=where, reported_by=staff, occurred_at=local(2026, 1, 2, 10))

    Debrief.objects.create(incident=incident(), due_on=date(2026, 1, 9), held_on=date(2026, 1, 9))
    Debrief.objects.create(incident=incident(), due_on=date(2026, 2, 9), held_on=date(2026, 2, 10))
    Debrief.objects.create(incident=incident(other), due_on=date(2026, 3, 9))
    CheckIn.objects.create(
        incident=incident(), staff_member=staff, due_on=date(2026, 1, 5), answered_at=local(2026, 1, 5, 22)
    )
    CheckIn.objects.create(incident=incident(other), staff_member=staff, due_on=date(2026, 1, 6))

    # Practice: two assignments due in Q1, one done after it was assigned, one done only before it.
    scenario = ScenarioFactory(system=system)
    version = VersionFactory(scenario=scenario)
    assigned = local(2026, 1, 3, 9)
    AssignmentFactory(assignee=staff, scenario=scenario, due_date=date(2026, 1, 31), assigned_at=assigned)
    PlayFactory(user=staff, version=version, started_at=assigned, finished_at=assigned + timedelta(days=2))
    other_scenario = ScenarioFactory(system=system, slug="late-scenario")
    other_version = VersionFactory(scenario=other_scenario)
    supervisor = world.users["supervisor"]
    PlayFactory(user=supervisor, version=other_version, finished_at=local(2025, 12, 1, 9))
    AssignmentFactory(
        assignee=supervisor, scenario=other_scenario, due_date=date(2026, 2, 28), assigned_at=assigned
    )
    return world


def test_policy_reviews_statements_and_exceptions(learning):
    with translation.override("en"):
        dashboard = dashboard_for(user=learning.users["administrator"], period=Q1)
    assert rows(dashboard, "policy-reviews") == {
        "Policy reviews opened": [1, 1, 0],
        "Decided: Keep as it is": [1, 0, 0],
        "Decided: Change": [1, 0, 0],
        "Decided: Retire": [0, 0, 0],
    }
    assert rows(dashboard, "statements") == {
        "Public statements published": [3, 1, 0],
        "Median days from the complaint to publication": [4.0, 6.0, None],
    }
    assert rows(dashboard, "policy-exceptions") == {"Fines": [2, 0, 0], "Food and drink": [0, 0, 1]}


def test_debriefs_check_ins_and_practice(learning):
    with translation.override("en"):
        dashboard = dashboard_for(user=learning.users["administrator"], period=Q1)
    care = rows(dashboard, "staff-care")
    assert care["Debriefs due"][0] == 3 and care["Debriefs held by their day"][0] == 1
    assert care["Share of debriefs held on time (%)"][0] == 33.3
    assert care["Check-ins due"][0] == 2 and care["Check-ins answered by their day"][0] == 1
    assert rows(dashboard, "training-coverage") == {
        "Practice assignments due": [2, 0, 0],
        "Done": [1, 0, 0],
        "Overdue": [1, 0, 0],
        "Share done (%)": [50.0, None, None],
    }


def test_a_branch_dashboard_counts_its_branch_and_leaves_out_practice(learning):
    scope = dashboard_scope(user=learning.users["administrator"], branch_ids=[learning.branch.pk])
    with translation.override("en"):
        dashboard = build_dashboard(scope=scope, period=Q1, protected=False)
    assert rows(dashboard, "policy-exceptions") == {"Fines": [2, 0, 0]}
    assert rows(dashboard, "staff-care")["Debriefs due"] == [2, 0, 0]
    with pytest.raises(Http404):
        dashboard.table("training-coverage")


def test_protected_figures_hide_a_median_of_few_cases_and_spanish_falls_back(learning):
    scope = dashboard_scope(user=learning.users["administrator"])
    with translation.override("es"):
        dashboard = build_dashboard(scope=scope, period=Q1, protected=True)
    statements = {row.label: [cell.value for cell in row.cells] for row in dashboard.table("statements").rows}
    assert statements["Mediana de días desde la queja hasta la publicación"] == [None, None, None]
    assert set(rows(dashboard, "policy-exceptions")) == {"Multas", "Food and drink"}
