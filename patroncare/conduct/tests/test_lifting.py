"""Requests to lift a permanent exclusion: when one may be made, who decides, and what granting does."""

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.audit.models import AuditEvent
from patroncare.conduct.models import Exclusion, LiftRequest
from patroncare.conduct.services import lift_request_decide, lift_request_record
from patroncare.conduct.services.lifting import (
    earliest_request_date,
    may_decide_lift_request,
    next_request_date,
    received_moment,
)
from patroncare.conduct.state import ExclusionState, decision_deadline, exclusion_state
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import AppealSettings, Decider, Outcome
from patroncare.rulebook.selectors import appeal_settings_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def permanent(conduct):
    """A permanent exclusion at the branch, issued by the administrator; the director decides."""
    conduct.director = UserFactory(
        library_system=conduct.system, full_name="Dana Director", roles=[(Role.SUPERVISOR, None)]
    )
    conduct.system.director = conduct.director
    conduct.system.save()
    today = today_in(conduct.system)
    conduct.exclusion = ExclusionFactory(
        system=conduct.system,
        person=PersonFactory(system=conduct.system, name="Robin Long"),
        branch=conduct.branch,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=800),
        lift_request_after=today - timedelta(days=70),
        issued_by=conduct.users["administrator"],
        rules=[conduct.rules["9"]],
    )
    conduct.today = today
    return conduct


def _record(case, *, received_at=None, **extra):
    values = {
        "actor": case.users["supervisor"],
        "exclusion": case.exclusion,
        "received_at": received_at or timezone.now() - timedelta(hours=1),
        "received_how": "letter",
        "statement": "It has been more than two years; I ask to come back.",
    }
    return lift_request_record(**(values | extra))


def _decide(case, lift_request, *, actor=None, decision="refused", **extra):
    values = {
        "actor": actor or case.director,
        "lift_request": lift_request,
        "expected_version": lift_request.version,
        "decision": decision,
        "reason": "Not yet: no sign of the course asked for.",
    }
    return lift_request_decide(**(values | extra))


def test_a_request_is_recorded_and_audited(permanent):
    lift_request = _record(permanent, what_changed="Finished a course.")
    assert lift_request.is_open and lift_request.early_cause == ""
    assert lift_request.what_changed == "Finished a course."
    assert AuditEvent.objects.filter(event="conduct.lift_requested").count() == 1


def test_a_request_before_the_date_is_refused_with_the_date(permanent):
    permanent.exclusion.lift_request_after = permanent.today + timedelta(days=30)
    permanent.exclusion.save()
    with pytest.raises(ValidationError) as error:
        _record(permanent)
    message = error.value.message_dict["early_cause"][0]
    day = permanent.exclusion.lift_request_after
    assert "may be asked to be lifted from" in message and str(day.year) in message
    assert LiftRequest.objects.count() == 0


def test_an_early_request_is_recorded_for_good_cause(permanent):
    permanent.exclusion.lift_request_after = permanent.today + timedelta(days=30)
    permanent.exclusion.save()
    lift_request = _record(permanent, early_cause="The person is moving into supported housing next door.")
    assert lift_request.early_cause == "The person is moving into supported housing next door."
    assert AuditEvent.objects.filter(event="conduct.lift_requested_early").count() == 1


def test_a_good_cause_on_time_is_not_kept(permanent):
    assert _record(permanent, early_cause="Not needed").early_cause == ""


@pytest.mark.parametrize(
    "change",
    [
        {"outcome": Outcome.SUSPENSION, "end_date": date(2030, 1, 1)},
        {"rescinded_at": datetime(2026, 1, 1, tzinfo=UTC)},
        {"end_date": date(2030, 1, 1)},
    ],
)
def test_only_a_permanent_exclusion_in_force_can_be_asked_to_be_lifted(permanent, change):
    Exclusion.objects.filter(pk=permanent.exclusion.pk).update(**change)
    permanent.exclusion.refresh_from_db()
    with pytest.raises(ValidationError):
        _record(permanent)
    assert LiftRequest.objects.count() == 0


def test_a_request_cannot_be_received_in_the_future(permanent):
    with pytest.raises(ValidationError) as error:
        _record(permanent, received_at=timezone.now() + timedelta(days=2))
    assert "received_at" in error.value.message_dict


def test_one_open_request_at_a_time(permanent):
    first = _record(permanent)
    with pytest.raises(ValidationError):
        _record(permanent)
    with pytest.raises(IntegrityError), transaction.atomic():
        LiftRequest.objects.create(
            exclusion=permanent.exclusion,
            received_at=timezone.now(),
            received_how="email",
            statement="Again",
            recorded_by=permanent.users["supervisor"],
        )
    assert list(LiftRequest.objects.all()) == [first]


def test_after_a_refusal_the_next_request_waits_for_the_interval(permanent):
    refused = _decide(permanent, _record(permanent))
    settings = appeal_settings_for(permanent.system)
    next_day = permanent.today + timedelta(days=365)
    assert next_request_date(refused, settings) == next_day
    with pytest.raises(ValidationError) as error:
        _record(permanent)
    message = error.value.message_dict["early_cause"][0]
    assert message.startswith("An earlier request was refused: a new one may be made from")
    assert str(next_day.year) in message
    exclusion = Exclusion.objects.prefetch_related("lift_requests").get(pk=permanent.exclusion.pk)
    assert earliest_request_date(exclusion, settings) == next_day
    assert _record(permanent, early_cause="New evidence from the person's doctor.").is_open


def test_the_interval_is_the_librarys_setting(permanent):
    settings = appeal_settings_for(permanent.system)
    settings.lift_request_interval_days = 1
    settings.save()
    refused = _decide(permanent, _record(permanent, received_at=timezone.now() - timedelta(days=3)))
    LiftRequest.objects.filter(pk=refused.pk).update(decided_at=timezone.now() - timedelta(days=2))
    assert _record(permanent).early_cause == ""


def test_the_director_decides_by_default_and_never_the_issuer(permanent):
    lift_request = _record(permanent)
    users = permanent.users
    assert may_decide_lift_request(permanent.director, lift_request)
    for key in ("supervisor", "administrator", "security", "other_branch_supervisor", "other_system_admin"):
        assert not may_decide_lift_request(users[key], lift_request), key
    permanent.exclusion.issued_by = permanent.director
    assert not may_decide_lift_request(permanent.director, lift_request)


@pytest.mark.parametrize(
    ("decider", "allowed"),
    [
        (Decider.SUPERVISOR, {"supervisor"}),
        (Decider.ADMINISTRATOR, set()),  # the administrator issued it
    ],
)
def test_the_appeal_decider_rule_applies(permanent, decider, allowed):
    AppealSettings.objects.filter(system=permanent.system).update(decider=decider)
    permanent.system.__dict__.pop("_appeal_settings", None)
    lift_request = _record(permanent)
    keys = ("supervisor", "administrator", "security", "other_branch_supervisor", "other_system_admin")
    assert {key for key in keys if may_decide_lift_request(permanent.users[key], lift_request)} == allowed


def test_an_administrator_decides_when_someone_else_issued(permanent):
    AppealSettings.objects.filter(system=permanent.system).update(decider=Decider.ADMINISTRATOR)
    permanent.system.__dict__.pop("_appeal_settings", None)
    permanent.exclusion.issued_by = permanent.users["supervisor"]
    permanent.exclusion.save()
    lift_request = _record(permanent)
    assert may_decide_lift_request(permanent.users["administrator"], lift_request)
    assert not may_decide_lift_request(permanent.users["supervisor"], lift_request)


def test_the_issuer_cannot_decide_and_nothing_changes(permanent):
    lift_request = _record(permanent)
    with pytest.raises(ValidationError):
        _decide(permanent, lift_request, actor=permanent.users["administrator"], decision="granted")
    lift_request.refresh_from_db()
    assert lift_request.is_open and lift_request.version == 1


def test_granting_ends_the_exclusion_the_day_before_return_and_keeps_its_history(permanent):
    lift_request = _record(permanent)
    back = permanent.today + timedelta(days=7)
    _decide(
        permanent,
        lift_request,
        decision="granted",
        reason="Three years without incident.",
        lifted_from=back,
        return_conditions="Meet the manager first.",
    )
    exclusion = Exclusion.objects.get(pk=permanent.exclusion.pk)
    assert exclusion.end_date == back - timedelta(days=1)
    assert exclusion.outcome == Outcome.PERMANENT and exclusion.start_date == permanent.exclusion.start_date
    assert exclusion.lift_requests.get().return_conditions == "Meet the manager first."
    day_before = back - timedelta(days=1)
    assert exclusion_state(exclusion, today=day_before, open_appeal=False) == ExclusionState.ACTIVE
    assert exclusion_state(exclusion, today=back, open_appeal=False) == ExclusionState.ENDED
    with pytest.raises(ValidationError):
        _record(permanent)  # lifted: nothing more to ask


@pytest.mark.parametrize(
    ("lifted_from", "field"),
    [(None, "lifted_from"), (-1, "lifted_from")],
)
def test_a_grant_needs_a_return_day_not_in_the_past(permanent, lifted_from, field):
    lift_request = _record(permanent)
    day = None if lifted_from is None else permanent.today + timedelta(days=lifted_from)
    with pytest.raises(ValidationError) as error:
        _decide(permanent, lift_request, decision="granted", lifted_from=day)
    assert field in error.value.message_dict
    assert Exclusion.objects.get(pk=permanent.exclusion.pk).end_date is None


def test_a_decision_needs_a_reason(permanent):
    with pytest.raises(ValidationError) as error:
        _decide(permanent, _record(permanent), reason="  ")
    assert "decision_reason" in error.value.message_dict


def test_a_refusal_keeps_no_return_day(permanent):
    refused = _decide(permanent, _record(permanent), lifted_from=permanent.today, return_conditions="x")
    assert refused.lifted_from is None and refused.return_conditions == ""
    assert Exclusion.objects.get(pk=permanent.exclusion.pk).end_date is None


def test_a_stale_decision_says_who_decided(permanent):
    lift_request = _record(permanent)
    second_decider = UserFactory(library_system=permanent.system, roles=[(Role.ADMINISTRATOR, None)])
    AppealSettings.objects.filter(system=permanent.system).update(decider=Decider.ADMINISTRATOR)
    permanent.system.__dict__.pop("_appeal_settings", None)
    stale_copy = LiftRequest.objects.select_related("exclusion__system").get(pk=lift_request.pk)
    _decide(permanent, lift_request, actor=permanent.director)
    with pytest.raises(ValidationError) as error:
        _decide(permanent, stale_copy, actor=second_decider, decision="granted", lifted_from=permanent.today)
    assert "was decided by Dana Director" in error.value.messages[0]
    assert LiftRequest.objects.get().decision == "refused"
    assert Exclusion.objects.get(pk=permanent.exclusion.pk).end_date is None


# Dates in the system's time zone (Chicago) across the spring change of 8 March 2026.


def test_a_date_alone_is_taken_as_midday_local_time(permanent):
    moment = received_moment(permanent.system, date(2026, 3, 8))
    assert moment == datetime(2026, 3, 8, 17, tzinfo=UTC)  # 12:00 CDT, the first day of daylight time
    naive = received_moment(permanent.system, datetime(2026, 3, 7, 23, 30))
    assert naive == datetime(2026, 3, 8, 5, 30, tzinfo=UTC)  # still CST


def test_a_date_alone_received_this_morning_is_not_in_the_future(permanent):
    with mock.patch("django.utils.timezone.now", return_value=datetime(2026, 3, 9, 14, tzinfo=UTC)):
        # 09:00 CDT on 9 March: midday has not come yet.
        assert received_moment(permanent.system, date(2026, 3, 9)) == datetime(2026, 3, 9, 14, tzinfo=UTC)


def test_the_next_date_after_a_refusal_is_counted_from_the_local_day(permanent):
    refused = LiftRequest(
        exclusion=permanent.exclusion,
        decision="refused",
        # 23:30 on Sunday 8 March in Chicago (CDT) is already the 9th in UTC.
        decided_at=datetime(2026, 3, 9, 4, 30, tzinfo=UTC),
    )
    assert next_request_date(refused, AppealSettings(lift_request_interval_days=365)) == date(2027, 3, 8)


def test_granting_across_the_spring_change_ends_at_local_midnight(permanent):
    Exclusion.objects.filter(pk=permanent.exclusion.pk).update(
        start_date=date(2023, 1, 10), lift_request_after=date(2026, 1, 10)
    )
    permanent.exclusion.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=datetime(2026, 3, 5, 18, tzinfo=UTC)):
        lift_request = _record(permanent, received_at=date(2026, 3, 2))
        _decide(permanent, lift_request, decision="granted", reason="Lifted.", lifted_from=date(2026, 3, 9))
    exclusion = Exclusion.objects.get(pk=permanent.exclusion.pk)
    assert exclusion.end_date == date(2026, 3, 8)

    def state_at(moment):
        return exclusion_state(exclusion, today=today_in(permanent.system, moment), open_appeal=False)

    # Local midnight of the 9th is 05:00 UTC once daylight time has begun (06:00 the day before).
    assert state_at(datetime(2026, 3, 9, 4, 59, tzinfo=UTC)) == ExclusionState.ACTIVE
    assert state_at(datetime(2026, 3, 9, 5, 0, tzinfo=UTC)) == ExclusionState.ENDED


def test_the_decision_deadline_is_in_working_days_and_local_time(permanent):
    received = datetime(2026, 3, 6, 22, tzinfo=UTC)
    lift_request = LiftRequest(exclusion=permanent.exclusion, received_at=received)
    deadline = decision_deadline(lift_request, AppealSettings(decision_days=5))
    # Received Friday 6 March (16:00 CST); five working days later is Friday 13 March, ending at 05:00 UTC.
    assert deadline.astimezone(permanent.system.zone).date() == date(2026, 3, 13)
    assert datetime(2026, 3, 14, 4, 59, tzinfo=UTC) <= deadline < datetime(2026, 3, 14, 5, 0, tzinfo=UTC)
