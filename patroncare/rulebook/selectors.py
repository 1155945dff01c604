"""Reads of a library system's rulebook, always scoped to the reader's system."""

from django.db.models import Count, QuerySet
from django.http import Http404

from .ladder import consequence_text, lookback_text
from .models import AppealSettings, BehaviourClass, LadderStep, Rule


def rules_of(*, user) -> QuerySet:
    return (
        Rule.objects.filter(system_id=user.library_system_id)
        .select_related("behaviour_class")
        .order_by("code")
    )


def rule_get(*, user, pk: int) -> Rule:
    rule = Rule.objects.filter(system_id=user.library_system_id, pk=pk).prefetch_related("versions").first()
    if rule is None:
        raise Http404
    return rule


def ladder_of(*, system) -> list[LadderStep]:
    """The rows of a system's table, each with how the ladder page words its window and consequence."""
    steps = list(
        LadderStep.objects.filter(system=system)
        .select_related("behaviour_class")
        .prefetch_related("choices")
        .order_by("behaviour_class__rank", "behaviour_class__name", "for_minors", "offence_from", "pk")
    )
    for step in steps:
        step.lookback_label = lookback_text(step)
        step.consequence_label = consequence_text(step)
    return steps


def ladder_step_get(*, user, pk: int) -> LadderStep:
    step = LadderStep.objects.filter(system_id=user.library_system_id, pk=pk).first()
    if step is None:
        raise Http404
    return step


def behaviour_classes_of(*, system) -> QuerySet:
    return BehaviourClass.objects.filter(system=system).annotate(
        rule_count=Count("rules", distinct=True), step_count=Count("ladder_steps", distinct=True)
    )


def behaviour_class_get(*, user, pk: int) -> BehaviourClass:
    behaviour_class = BehaviourClass.objects.filter(system_id=user.library_system_id, pk=pk).first()
    if behaviour_class is None:
        raise Http404
    return behaviour_class


def appeal_settings_for(system) -> AppealSettings:
    """The system's appeal rules (the defaults until an administrator saves them), read once per system
    object: a request reuses the user's system."""
    cached = system.__dict__.get("_appeal_settings")
    if cached is None:
        cached = AppealSettings.objects.filter(system=system).first() or AppealSettings(system=system)
        system.__dict__["_appeal_settings"] = cached
    return cached
