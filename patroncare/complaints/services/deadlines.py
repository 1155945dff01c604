"""Deadlines counted in the library system's working days.

Working days are its opening days, without its holidays and the branch's closures.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from patroncare.libraries.calendar import working_day_deadline

from ..models import SeverityRule, default_rule
from ..models.config import RuleValues


@dataclass(frozen=True)
class Deadlines:
    acknowledge_due_at: datetime
    respond_due_at: datetime


def rule_for(*, system, severity: str) -> RuleValues:
    rule = SeverityRule.objects.filter(system=system, severity=severity).first()
    if rule is None:
        return default_rule(severity)
    return RuleValues(
        rule.acknowledge_days,
        rule.respond_days,
        rule.review_acknowledge_days,
        rule.review_respond_days,
        rule.owner_rule,
    )


def deadlines_for(*, system, branch, severity: str, start: datetime, stage: int) -> Deadlines:
    """The two clocks of a stage, started at `start` (receipt, or the review request)."""
    rule = rule_for(system=system, severity=severity)
    acknowledge, respond = (
        (rule.acknowledge_days, rule.respond_days)
        if stage == 1
        else (rule.review_acknowledge_days, rule.review_respond_days)
    )
    return Deadlines(
        acknowledge_due_at=working_day_deadline(
            system=system, received_at=start, days=acknowledge, branch=branch
        ),
        respond_due_at=working_day_deadline(system=system, received_at=start, days=respond, branch=branch),
    )


def end_of_local_day(*, system, day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=system.zone) - timedelta(microseconds=1)


def latest_extension_date(*, today: date) -> date:
    """An extension reaches at most one calendar year past today (29 February gives 28 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)
