"""Rows entered in days before units existed give the same recommendation and the same dates after."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from patroncare.rulebook.ladder import EarlierViolation, recommend
from patroncare.rulebook.models import BehaviourClass, LadderStep

BEFORE = [("rulebook", "0001_initial")]
# Units arrived in 0002; the rows are read at the latest rulebook schema, as the ladder reads choices too.
AFTER = [("rulebook", "0011_ladder_step_choice_length_not_null")]
ON = date(2028, 3, 1)  # a leap day inside the window: 365 days back is 2 March 2027, 12 months is 1 March


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _migrate_to_latest() -> None:
    """The rows as the models of today read them (later migrations add columns of their own)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_the_latest_schema():
    """Whatever happens, the tests after this one find the database at the latest migration of every app."""
    yield
    _migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_a_row_in_days_keeps_its_window_length_and_lift_date(back_to_the_latest_schema):
    old = _migrate(BEFORE)
    try:
        system = old.get_model("libraries", "LibrarySystem").objects.create(
            name="Old County", slug="old-county"
        )
        serious = old.get_model("rulebook", "BehaviourClass").objects.create(system=system, rank=2, name="B")
        steps = old.get_model("rulebook", "LadderStep").objects
        steps.create(
            system=system,
            behaviour_class=serious,
            offence_from=2,
            offence_to=2,
            lookback_days=365,
            outcome="suspension",
            min_days=30,
            max_days=90,
        )
        steps.create(
            system=system,
            behaviour_class=serious,
            offence_from=3,
            offence_to=None,
            lookback_days=365,
            outcome="permanent",
            lift_request_after_days=730,
        )
        steps.create(
            system=system,
            behaviour_class=serious,
            offence_from=1,
            offence_to=1,
            lookback_days=365,
            outcome="permanent",
            lift_request_after_days=0,
        )
        # What the days rows computed before: violations after `on - 365 days` count, a suspension of
        # 30 to 90 days ends `start + 29` to `start + 89`, and a lift request is possible `start + 730`.
        inside, outside = ON - timedelta(days=364), ON - timedelta(days=365)
    finally:
        _migrate(AFTER)
    _migrate_to_latest()

    rows = list(LadderStep.objects.all())
    assert {(s.lookback_number, s.lookback_unit, s.length_unit) for s in rows} == {(365, "days", "days")}
    assert {s.lift_after_number for s in rows} == {None, 730}  # the unused 0 reads as empty
    assert {s.lift_after_unit for s in rows} == {"days"}
    b = BehaviourClass.objects.get()

    second = recommend(steps=rows, behaviour_class=b, on=ON, earlier=[EarlierViolation(on=inside, rank=2)])
    assert (second.offence_number, second.outcome) == (2, "suspension")
    assert second.explanation == "Second B violation in the past 365 days: 30 to 90 days"
    assert second.shortest_last_day(ON) == ON + timedelta(days=29)
    assert second.longest_last_day(ON) == ON + timedelta(days=89)

    first = recommend(steps=rows, behaviour_class=b, on=ON, earlier=[EarlierViolation(on=outside, rank=2)])
    assert first.offence_number == 1  # exactly 365 days before: outside, as before
    assert first.lift_request_from(ON) is None

    third = recommend(steps=rows, behaviour_class=b, on=ON, earlier=[EarlierViolation(on=inside, rank=2)] * 2)
    assert third.lift_request_from(ON) == ON + timedelta(days=730)


@pytest.mark.django_db(transaction=True)
def test_only_the_default_how_to_appeal_gets_its_spanish_translation(back_to_the_latest_schema):
    from patroncare.rulebook.models import HOW_TO_APPEAL, HOW_TO_APPEAL_ES, AppealSettings

    old = _migrate([("rulebook", "0004_decision_days_positive")])
    try:
        systems = old.get_model("libraries", "LibrarySystem").objects
        settings = old.get_model("rulebook", "AppealSettings").objects
        settings.create(system=systems.create(name="Default County", slug="default-county"))
        settings.create(
            system=systems.create(name="Own Words County", slug="own-words"),
            how_to_appeal="Hand your appeal to the front desk of any branch.",
        )
    finally:
        _migrate([("rulebook", "0008_spanish_letter_texts")])
    _migrate_to_latest()
    texts = dict(AppealSettings.objects.values_list("system__slug", "how_to_appeal_es"))
    assert texts == {"default-county": HOW_TO_APPEAL_ES, "own-words": ""}
    assert AppealSettings.objects.get(system__slug="default-county").how_to_appeal_en == HOW_TO_APPEAL


@pytest.mark.django_db(transaction=True)
def test_a_limit_in_days_keeps_its_length_after_authority_groups(back_to_the_latest_schema):
    """A supervisor's 30-day limit stays 30 days (not a month), and no limit stays no limit."""
    old = _migrate([("rulebook", "0008_spanish_letter_texts")])
    try:
        system = old.get_model("libraries", "LibrarySystem").objects.create(
            name="Limits County", slug="limits"
        )
        limits = old.get_model("rulebook", "IssueLimit").objects
        limits.create(system=system, role="supervisor", max_days=30, may_issue_open_ended=False)
        limits.create(system=system, role="administrator", max_days=None, may_issue_open_ended=True)
    finally:
        migrated = _migrate([("rulebook", "0009_authority_groups")]).get_model("rulebook", "IssueLimit")
    rows = {
        row.role: (row.length_number, row.length_unit, row.may_issue_open_ended, row.group_id)
        for row in migrated.objects.filter(system_id=system.pk)
    }
    assert rows == {"supervisor": (30, "days", False, None), "administrator": (None, "days", True, None)}
