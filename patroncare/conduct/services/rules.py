"""Rules of conduct (with versions), the ladder, role limits and appeal settings of a library system."""

from django.db import transaction

from patroncare.audit.models import AuditAction
from patroncare.audit.services import audit_record, changed_fields
from patroncare.core.concurrency import save_if_unchanged

from ..defaults import DEFAULT_LADDER, DEFAULT_LIMITS, DEFAULT_RULES
from ..models import AppealSettings, IssueLimit, LadderStep, Rule, RuleVersion

RULE_FIELDS = ["code", "title", "text", "title_es", "text_es", "tier", "is_active"]


@transaction.atomic
def rules_install_defaults(*, system, actor=None) -> int:
    """Give a system the default rules, ladder, limits and appeal settings. Adds only what is missing."""
    created = 0
    for code, title, tier, text, title_es, text_es in DEFAULT_RULES:
        if not Rule.objects.filter(system=system, code=code).exists():
            rule_create(
                actor=actor,
                system=system,
                code=code,
                title=title,
                text=text,
                tier=tier,
                title_es=title_es,
                text_es=text_es,
            )
            created += 1
    if not LadderStep.objects.filter(system=system).exists():
        for tier, minors, first, last, lookback, outcome, low, high, lift, note in DEFAULT_LADDER:
            ladder_step_create(
                actor=actor,
                system=system,
                tier=tier,
                for_minors=minors,
                offence_from=first,
                offence_to=last,
                lookback_days=lookback,
                outcome=outcome,
                min_days=low,
                max_days=high,
                lift_request_after_days=lift,
                note=note,
            )
    for role, (days, open_ended) in DEFAULT_LIMITS.items():
        IssueLimit.objects.get_or_create(
            system=system, role=role, defaults={"max_days": days, "may_issue_open_ended": open_ended}
        )
    appeal_settings_for(system)
    return created


@transaction.atomic
def rule_create(
    *,
    actor,
    system,
    code: str,
    title: str,
    text: str,
    tier: str,
    is_active: bool = True,
    title_es: str = "",
    text_es: str = "",
) -> Rule:
    rule = Rule(
        system=system,
        code=code,
        title=title,
        text=text,
        tier=tier,
        is_active=is_active,
        title_es=title_es,
        text_es=text_es,
    )
    rule.full_clean()
    rule.save()
    _snapshot(rule, actor=actor, note="First version")
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=rule,
        library_system_id=system.pk,
        summary="Rule of conduct added",
    )
    return rule


@transaction.atomic
def rule_update(*, actor, rule: Rule, expected_version: int, change_note: str = "", **values) -> Rule:
    before = {name: getattr(rule, name) for name in RULE_FIELDS}
    for name, value in values.items():
        setattr(rule, name, value)
    save_if_unchanged(rule, expected_version=expected_version, fields=list(values))
    changes = changed_fields(rule, before, RULE_FIELDS)
    if changes:
        _snapshot(rule, actor=actor, note=change_note)
    audit_record(
        action=AuditAction.UPDATE, actor=actor, obj=rule, summary="Rule of conduct changed", changes=changes
    )
    return rule


def _snapshot(rule: Rule, *, actor, note: str) -> RuleVersion:
    number = (rule.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = RuleVersion(
        rule=rule,
        number=number,
        title=rule.title,
        text=rule.text,
        title_es=rule.title_es,
        text_es=rule.text_es,
        tier=rule.tier,
        changed_by=actor if getattr(actor, "pk", None) else None,
        change_note=note,
    )
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def ladder_step_create(*, actor, system, **values) -> LadderStep:
    step = LadderStep(system=system, **values)
    step.full_clean()
    step.save()
    audit_record(
        action=AuditAction.CREATE,
        actor=actor,
        obj=step,
        library_system_id=system.pk,
        summary="Ladder step added",
        changes={k: str(v) for k, v in values.items()},
    )
    return step


@transaction.atomic
def ladder_step_delete(*, actor, step: LadderStep) -> None:
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        obj=step,
        library_system_id=step.system_id,
        summary="Ladder step removed",
    )
    step.delete()


@transaction.atomic
def issue_limit_set(
    *, actor, system, role: str, max_days: int | None, may_issue_open_ended: bool
) -> IssueLimit:
    limit, _ = IssueLimit.objects.get_or_create(system=system, role=role)
    limit.max_days, limit.may_issue_open_ended = max_days, may_issue_open_ended
    limit.full_clean()
    limit.save()
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=limit,
        library_system_id=system.pk,
        summary="Exclusion limit for a role changed",
        changes={"role": role, "max_days": max_days, "open_ended": may_issue_open_ended},
    )
    return limit


def appeal_settings_for(system) -> AppealSettings:
    """The system's appeal rules, read once per system object (a request reuses the user's system)."""
    cached = system.__dict__.get("_appeal_settings")
    if cached is None:
        cached, _ = AppealSettings.objects.get_or_create(system=system)
        system.__dict__["_appeal_settings"] = cached
    return cached


@transaction.atomic
def appeal_settings_update(
    *, actor, settings: AppealSettings, expected_version: int, **values
) -> AppealSettings:
    before = {name: getattr(settings, name) for name in values}
    for name, value in values.items():
        setattr(settings, name, value)
    save_if_unchanged(settings, expected_version=expected_version, fields=list(values))
    audit_record(
        action=AuditAction.UPDATE,
        actor=actor,
        obj=settings,
        library_system_id=settings.system_id,
        summary="Appeal rules changed",
        changes=changed_fields(settings, before, list(values)),
    )
    return settings
