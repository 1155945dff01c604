"""Reads of a library system's rulebook, always scoped to the reader's system."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from .authority import limit_text
from .grid import MAX_COLUMNS, GridRow, columns_needed, grid_row, ladder_fingerprint
from .ladder import consequence_text, default_lookback_text, lookback_text
from .models import (
    HOW_TO_APPEAL_ES,
    AppealSettings,
    AuthorityGroup,
    BehaviourClass,
    IssueLimit,
    LadderStep,
    LimitRole,
    Rule,
)


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


def behaviour_classes_of(*, system) -> list[BehaviourClass]:
    """The system's classes, least serious first (by name among equals), with their usual look-back worded."""
    classes = list(
        BehaviourClass.objects.filter(system=system)
        .annotate(rule_count=Count("rules", distinct=True), step_count=Count("ladder_steps", distinct=True))
        .order_by("rank", "name", "pk")
    )
    for behaviour_class in classes:
        behaviour_class.default_lookback_label = default_lookback_text(behaviour_class)
    return classes


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
        cached = AppealSettings.objects.filter(system=system).first() or AppealSettings(
            system=system, how_to_appeal_es=HOW_TO_APPEAL_ES
        )
        system.__dict__["_appeal_settings"] = cached
    return cached


def role_limits_of(*, system) -> list[dict]:
    """Every role and the director with its limit (None where none is set), worded for the limits page."""
    limits = {limit.role: limit for limit in IssueLimit.objects.filter(system=system, role__isnull=False)}
    rows = []
    for role, label in LimitRole.choices:
        limit = limits.get(role)
        if role == LimitRole.DIRECTOR and limit is None:
            text = limit_text(IssueLimit(length_number=None, may_issue_open_ended=True))
        else:
            text = limit_text(limit)
        rows.append({"role": role, "label": label, "limit": limit, "text": text})
    return rows


def authority_groups_of(*, system) -> list[AuthorityGroup]:
    groups = list(
        AuthorityGroup.objects.filter(system=system)
        .select_related("limit")
        .prefetch_related("members")
        .order_by("name")
    )
    for group in groups:
        group.limit_label = limit_text(getattr(group, "limit", None))
    return groups


def authority_group_get(*, user, pk: int) -> AuthorityGroup:
    group = (
        AuthorityGroup.objects.filter(system_id=user.library_system_id, pk=pk)
        .select_related("limit", "system")
        .first()
    )
    if group is None:
        raise Http404
    return group


@dataclass(frozen=True)
class LadderGrid:
    """A system's ladder as a table: the adults' rows, the minors' rows (when shown), and the fingerprint of
    the ladder it was read from."""

    columns: int
    adult_rows: list[GridRow]
    minor_rows: list[GridRow]
    shows_minors: bool
    fingerprint: str

    @property
    def rows(self) -> list[GridRow]:
        return self.adult_rows + (self.minor_rows if self.shows_minors else [])


def ladder_grid_of(*, system, columns: int | None = None, shows_minors: bool | None = None) -> LadderGrid:
    """The ladder of `system` as a grid, `columns` wide (else as wide as its rows need); the minors' section
    is shown when the ladder has rows for minors, or when asked for."""
    steps = list(LadderStep.objects.filter(system=system).order_by("pk").prefetch_related("choices"))
    classes = list(BehaviourClass.objects.filter(system=system).order_by("rank", "name", "pk"))
    width = columns_needed(steps) if columns is None else min(max(columns, 1), MAX_COLUMNS)
    minors = any(step.for_minors for step in steps) if shows_minors is None else shows_minors

    def rows(for_minors: bool) -> list[GridRow]:
        return [
            grid_row(
                c,
                for_minors,
                [s for s in steps if (s.behaviour_class_id, s.for_minors) == (c.pk, for_minors)],
                width,
            )
            for c in classes
        ]

    return LadderGrid(
        columns=width,
        adult_rows=rows(False),
        minor_rows=rows(True),
        shows_minors=minors,
        fingerprint=ladder_fingerprint(steps),
    )
