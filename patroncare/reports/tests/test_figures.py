"""Every measure of the dashboard on the hand-worked records of tests/conftest.py, exactly."""

import pytest
from django.utils import translation

from patroncare.reports.selectors import dashboard_for

from .conftest import Q1


def rows(dashboard, key):
    table = dashboard.table(key)
    return {row.label: [cell.value for cell in row.cells] for row in table.rows}


@pytest.fixture
def admin_dashboard(records):
    with translation.override("en"):
        yield dashboard_for(user=records.world.users["administrator"], period=Q1)


def test_complaints_by_category_severity_channel_and_branch(admin_dashboard):
    assert rows(admin_dashboard, "complaints-category") == {
        "Charged wrongly": [1, 0, 2],
        "Wrong information": [4, 1, 0],
    }
    severity = admin_dashboard.table("complaints-severity")
    # In the order of the scale, never alphabetical.
    assert [row.label for row in severity.rows] == ["Minor", "Moderate", "Serious"]
    assert rows(admin_dashboard, "complaints-severity") == {
        "Minor": [1, 0, 0],
        "Moderate": [3, 1, 0],
        "Serious": [1, 0, 2],
    }
    assert [cell.value for cell in severity.total] == [5, 1, 2]
    assert rows(admin_dashboard, "complaints-channel")["Phone"] == [1, 0, 0]
    assert rows(admin_dashboard, "complaints-branch") == {
        "Millbrook Branch": [4, 1, 2],
        "Oakton Branch": [1, 0, 0],
    }


def test_deadlines_kept_over_a_holiday_and_a_closure_and_the_other_measures(admin_dashboard):
    measures = rows(admin_dashboard, "complaints-measures")

    assert measures["Complaints received"] == [5, 1, 2]
    assert measures["Acknowledged on time"][0] == 2  # c1 (thanks to the holiday and closure) and c5
    assert measures["Acknowledgement deadline reached"][0] == 4
    assert measures["Share acknowledged on time (%)"][0] == 50.0
    assert measures["Answered on time"][0] == 1
    assert measures["Response deadline reached"][0] == 3
    assert measures["Share answered on time (%)"][0] == 33.3
    assert measures["Reviews requested"][0] == 1
    assert measures["Upheld or partly upheld"][0] == 1
    assert measures["Judged a one-off"][0] == 1
    assert measures["Judged systemic"][0] == 1
    assert measures["Satisfied"][0] == 1
    assert measures["Not satisfied"][0] == 0


def test_incident_figures_and_the_weekday_hour_grid(admin_dashboard, records):
    assert rows(admin_dashboard, "incidents-level") == {
        "Annoying": [1, 0, 0],
        "Disruptive": [1, 1, 0],
        "Dangerous or illegal": [1, 0, 0],
    }
    behaviours = rows(admin_dashboard, "incidents-behaviour")
    assert behaviours["Noise or loud phone use"] == [2, 0, 0]
    assert behaviours["Threats"] == [1, 0, 0]
    assert behaviours["Weapon shown or used"] == [1, 0, 0]
    assert behaviours["Abusive language, insults or slurs"] == [0, 1, 0]
    assert rows(admin_dashboard, "incidents-branch") == {
        "Millbrook Branch": [2, 1, 0],
        "Oakton Branch": [1, 0, 0],
    }
    assert rows(admin_dashboard, "incidents-measures") == {
        "Incidents": [3, 1, 0],
        "Police called": [1, 0, 0],
        "Emergency medical services called": [1, 0, 0],
        "Someone was injured": [1, 0, 0],
    }
    grid = next(chart for chart in admin_dashboard.sections[1].charts if "weekday" in chart.title)
    tuesday, saturday = grid.table_rows[1], grid.table_rows[5]
    assert tuesday[0] == "Tuesday" and tuesday[1 + 15] == "2"
    assert saturday[1 + 11] == "1"
    assert sum(int(cell) for row in grid.table_rows for cell in row[1:]) == 3


def test_exclusion_figures(admin_dashboard):
    assert rows(admin_dashboard, "exclusions-outcome") == {
        "Leave for the rest of the day": [1, 0, 0],
        "Suspension": [1, 0, 0],
        "Permanent exclusion": [0, 1, 0],
    }
    assert rows(admin_dashboard, "exclusions-measures") == {
        "Issued": [2, 1, 0],
        "In force on the last day": [2, 1, 0],
        "Appealed": [1, 0, 0],
        "Another consequence than the ladder's": [1, 0, 0],
    }
    assert rows(admin_dashboard, "exclusions-appeals") == {"Upheld": [1, 0, 0]}


def test_the_monthly_trend_counts_by_local_month(admin_dashboard):
    trend = admin_dashboard.sections[0].charts[0]
    by_month = {row[0]: row[1:] for row in trend.table_rows}

    assert len(trend.table_rows) == 12
    assert by_month["December 2025"] == ["1", "1"]
    assert by_month["January 2026"] == ["2", "2"]
    assert by_month["March 2026"] == ["2", "1"]  # c3 at 23:30 on 31 March, local time


def test_a_branch_supervisor_counts_only_their_branch(records):
    with translation.override("en"):
        dashboard = dashboard_for(user=records.world.users["supervisor"], period=Q1)

    assert rows(dashboard, "complaints-branch") == {"Millbrook Branch": [4, 1, 2]}
    assert rows(dashboard, "incidents-level") == {"Disruptive": [1, 1, 0], "Dangerous or illegal": [1, 0, 0]}
    assert dashboard.branch_names == ["Millbrook Branch"]


def test_the_dashboard_makes_the_same_number_of_queries_whatever_the_data(records, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from patroncare.complaints.tests.factories import ComplaintFactory
    from patroncare.incidents.tests.factories import IncidentFactory

    from .conftest import local

    user = world.users["administrator"]
    with CaptureQueriesContext(connection) as first:
        dashboard_for(user=user, period=Q1)
    for day in range(1, 20):
        ComplaintFactory(branch=world.other_branch, received_at=local(2026, 2, day, 12), anonymous=True)
        IncidentFactory(branch=world.other_branch, occurred_at=local(2026, 2, day, 9), reported_by=user)
    user = type(user).objects.select_related("library_system").get(pk=user.pk)
    with CaptureQueriesContext(connection) as second:
        dashboard_for(user=user, period=Q1)

    assert len(second) == len(first) <= QUERIES


# 18 for complaints, incidents and exclusions; 3 for referrals (by need, the needs, by branch); 5 for
# walk-throughs (done, points rated, rated good, actions given, done on time); 8 for what the library changed
# and how it cared for staff (a median is one query per period).
QUERIES = 34


def test_a_category_with_no_spanish_version_shows_its_english_name_to_a_spanish_reader(records):
    records.charged_wrongly.name_es = ""
    records.charged_wrongly.save(update_fields=["name_es"])
    with translation.override("es"):
        dashboard = dashboard_for(user=records.world.users["administrator"], period=Q1)
    assert rows(dashboard, "complaints-category") == {
        "Charged wrongly": [1, 0, 2],
        "Información equivocada": [4, 1, 0],
    }
