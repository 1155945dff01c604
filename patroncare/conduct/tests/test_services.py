from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from patroncare.audit.models import AuditAction, AuditEvent
from patroncare.conduct import services
from patroncare.conduct.models import AppealDecision, Exclusion
from patroncare.conduct.state import ExclusionState, exclusion_state
from patroncare.incidents.tests.factories import IncidentFactory
from patroncare.libraries.calendar import Unit, period_last_day, today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.models import Outcome, Rule, RuleVersion

pytestmark = pytest.mark.django_db


def _incident(world, person, *, rule, days_ago=0):
    return IncidentFactory(
        branch=world.branch,
        reported_by=world.users["frontline"],
        rules=[rule],
        subject=person,
        occurred_at=timezone.now() - timedelta(days=days_ago, hours=1),
    )


def test_default_set_is_installed_once(conduct):
    assert rulebook_services.rules_install_defaults(system=conduct.system) == 0
    assert Rule.objects.filter(system=conduct.system).count() == 11
    assert RuleVersion.objects.filter(rule__system=conduct.system).count() == 11


def test_editing_a_rule_keeps_the_old_wording_as_a_version(conduct):
    rule = conduct.rules["4"]
    rulebook_services.rule_update(
        actor=conduct.users["administrator"],
        rule=rule,
        expected_version=rule.version,
        change_note="Board vote of 3 March",
        text="Be respectful to everyone.",
    )
    versions = list(rule.versions.order_by("number").values_list("number", "text"))
    assert versions[0][1].startswith("Do not harass")
    assert versions[1] == (2, "Be respectful to everyone.")


def test_second_serious_violation_recommends_thirty_days(conduct):
    person = PersonFactory(system=conduct.system)
    _incident(conduct, person, rule=conduct.rules["4"], days_ago=40)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    recommendation = services.recommendation_for(incident=incident, person=person)
    assert recommendation.explanation == "Second serious violation in the past 12 months: 1 month"
    assert (recommendation.outcome, recommendation.length_min, recommendation.length_unit) == (
        Outcome.SUSPENSION,
        1,
        "months",
    )


def test_history_counts_only_the_class_of_the_rule(conduct):
    person = PersonFactory(system=conduct.system)
    _incident(conduct, person, rule=conduct.rules["1"], days_ago=40)  # a minor rule
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    assert services.recommendation_for(incident=incident, person=person).offence_number == 1


def test_issuing_what_the_ladder_recommends_needs_no_reason(conduct):
    person = PersonFactory(system=conduct.system)
    _incident(conduct, person, rule=conduct.rules["4"], days_ago=40)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    today = today_in(conduct.system)
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=period_last_day(today, 1, Unit.MONTHS),  # the table says "1 month"
    )
    assert exclusion.deviation_reason == ""
    assert exclusion.recommendation == "Second serious violation in the past 12 months: 1 month"
    assert list(exclusion.rules.all()) == [conduct.rules["4"]]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="conduct.exclusion", object_id=str(exclusion.pk)
        ).count()
        == 1
    )


def test_a_deviation_needs_a_reason_and_changes_nothing_without_one(conduct):
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    today = today_in(conduct.system)
    with pytest.raises(ValidationError) as error:
        services.exclusion_issue(
            actor=conduct.users["supervisor"],
            incident=incident,
            person=person,
            outcome=Outcome.SUSPENSION,
            start_date=today,
            end_date=today + timedelta(days=6),
        )
    assert "deviation_reason" in error.value.error_dict
    assert Exclusion.objects.count() == 0


def test_a_deviation_waits_for_another_supervisor(conduct):
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    today = today_in(conduct.system)
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=6),
        deviation_reason="Second incident that week.",
    )
    assert exclusion_state(exclusion, today=today, open_appeal=False) == ExclusionState.PENDING
    with pytest.raises(ValidationError):
        services.exclusion_approve_deviation(actor=conduct.users["supervisor"], exclusion=exclusion)
    services.exclusion_approve_deviation(actor=conduct.users["administrator"], exclusion=exclusion)
    assert exclusion_state(exclusion, today=today, open_appeal=False) == ExclusionState.ACTIVE


@pytest.mark.parametrize(
    ("role", "days", "allowed"),
    [
        ("supervisor", 365, True),
        ("supervisor", 366, False),
        ("security", 1, True),
        ("security", 2, False),
    ],
)
def test_role_limits_on_length(conduct, role, days, allowed):
    # A limit kept in days (as limits were entered before units) reads the same from every first day.
    rulebook_services.issue_limit_set(
        actor=None,
        system=conduct.system,
        role="supervisor",
        length_number=365,
        length_unit="days",
        may_issue_open_ended=False,
    )
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["9"])
    today = today_in(conduct.system)
    call = dict(
        actor=conduct.users[role],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=today,
        end_date=today + timedelta(days=days - 1),
        deviation_reason="Test of limits.",
    )
    if allowed:
        assert services.exclusion_issue(**call).length_days == days
    else:
        with pytest.raises(ValidationError, match="A suspension this long is issued by"):
            services.exclusion_issue(**call)
        assert Exclusion.objects.count() == 0


def test_only_the_director_or_an_administrator_issues_pending_review(conduct):
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["9"])
    today = today_in(conduct.system)
    with pytest.raises(ValidationError, match="permanent or pending-review"):
        services.exclusion_issue(
            actor=conduct.users["supervisor"],
            incident=incident,
            person=person,
            outcome=Outcome.PENDING_REVIEW,
            start_date=today,
        )
    conduct.system.director = conduct.users["supervisor"]
    conduct.system.save()
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.PENDING_REVIEW,
        start_date=today,
    )
    assert exclusion.end_date is None and exclusion.deviation_reason == ""


def test_a_minor_needs_a_parent_or_guardian(conduct):
    person = PersonFactory(system=conduct.system, is_minor=True)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    today = today_in(conduct.system)
    with pytest.raises(ValidationError) as error:
        services.exclusion_issue(
            actor=conduct.users["supervisor"],
            incident=incident,
            person=person,
            outcome=Outcome.LEAVE_DAY,
            start_date=today,
        )
    assert "guardian_name" in error.value.error_dict
    exclusion = services.exclusion_issue(
        actor=conduct.users["supervisor"],
        incident=incident,
        person=person,
        outcome=Outcome.LEAVE_DAY,
        start_date=today,
        guardian_name="Ana Ruiz",
    )
    assert exclusion.recommendation.endswith("(rules for minors; a parent or guardian is told)")


def test_an_end_before_the_start_is_refused(conduct):
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    today = today_in(conduct.system)
    with pytest.raises(ValidationError) as error:
        services.exclusion_issue(
            actor=conduct.users["supervisor"],
            incident=incident,
            person=person,
            outcome=Outcome.SUSPENSION,
            start_date=today,
            end_date=today - timedelta(days=1),
            deviation_reason="x",
        )
    assert "end_date" in error.value.error_dict
    assert Exclusion.objects.count() == 0


def _exclusion(conduct, *, issued_at, days=30, issuer="supervisor"):
    person = PersonFactory(system=conduct.system)
    incident = _incident(conduct, person, rule=conduct.rules["4"])
    start = issued_at.astimezone(conduct.system.zone).date()
    exclusion = services.exclusion_issue(
        actor=conduct.users[issuer],
        incident=incident,
        person=person,
        outcome=Outcome.SUSPENSION,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        deviation_reason="Test.",
    )
    exclusion.issued_at = issued_at
    exclusion.deviation_approved_at = issued_at
    exclusion.save()
    return exclusion


def test_a_late_appeal_needs_good_cause(conduct):
    settings = rulebook_services.appeal_settings_to_edit(conduct.system)
    settings.filing_unit, settings.filing_days = "days", 10
    settings.save()
    issued = timezone.now() - timedelta(days=20)
    exclusion = _exclusion(conduct, issued_at=issued)
    with pytest.raises(ValidationError) as error:
        services.appeal_file(
            actor=conduct.users["administrator"],
            exclusion=exclusion,
            received_at=timezone.now(),
            statement="I was not there.",
        )
    assert "good_cause" in error.value.error_dict
    assert exclusion.appeals.count() == 0
    appeal = services.appeal_file(
        actor=conduct.users["administrator"],
        exclusion=exclusion,
        received_at=timezone.now(),
        statement="I was not there.",
        good_cause="In hospital until yesterday.",
    )
    assert appeal.good_cause == "In hospital until yesterday."


def test_short_exclusions_cannot_be_appealed(conduct):
    exclusion = _exclusion(conduct, issued_at=timezone.now(), days=7)
    with pytest.raises(ValidationError, match="7 days or less"):
        services.appeal_file(
            actor=conduct.users["administrator"],
            exclusion=exclusion,
            received_at=timezone.now(),
            statement="Too long.",
        )


def test_the_issuer_cannot_decide_and_a_shortening_applies_at_once(conduct):
    conduct.system.director = conduct.users["other_branch_supervisor"]
    conduct.system.save()
    exclusion = _exclusion(conduct, issued_at=timezone.now(), days=30)
    appeal = services.appeal_file(
        actor=conduct.users["administrator"],
        exclusion=exclusion,
        received_at=timezone.now(),
        statement="It was a misunderstanding.",
    )
    today = today_in(conduct.system)
    assert exclusion_state(exclusion, today=today, open_appeal=True) == ExclusionState.UNDER_APPEAL
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=conduct.users["supervisor"], appeal=appeal, decision=AppealDecision.UPHELD, reason="Upheld."
        )
    new_end = exclusion.start_date + timedelta(days=9)
    services.appeal_decide(
        actor=conduct.users["other_branch_supervisor"],
        appeal=appeal,
        decision=AppealDecision.SHORTENED,
        reason="First incident in years.",
        new_end_date=new_end,
    )
    exclusion.refresh_from_db()
    assert exclusion.end_date == new_end
    assert (
        exclusion_state(exclusion, today=new_end + timedelta(days=1), open_appeal=False)
        == ExclusionState.ENDED
    )


def test_shortening_to_a_later_date_is_refused(conduct):
    conduct.system.director = conduct.users["other_branch_supervisor"]
    conduct.system.save()
    exclusion = _exclusion(conduct, issued_at=timezone.now(), days=30)
    appeal = services.appeal_file(
        actor=conduct.users["administrator"],
        exclusion=exclusion,
        received_at=timezone.now(),
        statement="Please.",
    )
    with pytest.raises(ValidationError):
        services.appeal_decide(
            actor=conduct.users["other_branch_supervisor"],
            appeal=appeal,
            decision=AppealDecision.SHORTENED,
            reason="x",
            new_end_date=exclusion.end_date + timedelta(days=1),
        )
    appeal.refresh_from_db()
    assert appeal.decision == ""


def test_rescinding_ends_the_exclusion_at_once(conduct):
    conduct.system.director = conduct.users["other_branch_supervisor"]
    conduct.system.save()
    exclusion = _exclusion(conduct, issued_at=timezone.now(), days=30)
    appeal = services.appeal_file(
        actor=conduct.users["administrator"],
        exclusion=exclusion,
        received_at=timezone.now(),
        statement="Wrong person.",
    )
    services.appeal_decide(
        actor=conduct.users["other_branch_supervisor"],
        appeal=appeal,
        decision=AppealDecision.RESCINDED,
        reason="The camera shows someone else.",
    )
    exclusion.refresh_from_db()
    assert (
        exclusion_state(exclusion, today=today_in(conduct.system), open_appeal=False)
        == ExclusionState.RESCINDED
    )


def test_delivery_before_the_notice_was_issued_is_refused(conduct):
    exclusion = _exclusion(conduct, issued_at=timezone.now())
    with pytest.raises(ValidationError):
        services.exclusion_record_delivery(
            actor=conduct.users["supervisor"],
            exclusion=exclusion,
            method="mail",
            delivered_on=date(2000, 1, 1),
        )
    delivery = services.exclusion_record_delivery(
        actor=conduct.users["supervisor"],
        exclusion=exclusion,
        method="in_person",
        delivered_on=today_in(conduct.system),
        acknowledgement="refused",
    )
    assert delivery.acknowledgement == "refused"


def test_an_exclusion_anonymised_by_the_retention_schedule_is_not_then_written_by_a_stale_edit(conduct):
    """The schedule's anonymisation counts as a change: whoever had the exclusion open must reload it."""
    from patroncare.core.concurrency import StaleEditError
    from patroncare.retention.services import retention_apply

    today = today_in(conduct.system)
    exclusion = Exclusion.objects.create(
        system=conduct.system,
        person=PersonFactory(system=conduct.system),
        branch=conduct.branch,
        issued_by=conduct.users["supervisor"],
        outcome="suspension",
        issued_at=timezone.now() - timedelta(days=400),
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=370),
        conditions="Not within 50 metres of the children's room.",
        deviation_reason="Longer than the ladder says.",
    )
    opened = Exclusion.objects.get(pk=exclusion.pk)  # an administrator has it open
    report = retention_apply(system=conduct.system, as_of=today + timedelta(days=5 * 366))
    assert report.counts["conduct.exclusion"] == 1
    with pytest.raises(StaleEditError):
        services.exclusion_approve_deviation(actor=conduct.users["administrator"], exclusion=opened)
    exclusion.refresh_from_db()
    assert exclusion.deviation_approved_at is None and exclusion.deviation_approved_by is None
    assert exclusion.conditions == "" and exclusion.anonymised_at is not None
