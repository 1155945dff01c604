"""Rules of conduct (with versions), the ladder, role and group limits, authority groups and appeal settings
of a library system."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.audit.services import changed_fields
from patroncare.core.concurrency import StaleEditError, save_if_unchanged
from patroncare.core.languages import writing_main_language
from patroncare.libraries.calendar import Unit
from patroncare.libraries.models import LibrarySystem
from patroncare.rulebook import events

from . import ladder_csv
from .defaults import DEFAULT_CLASSES, DEFAULT_LADDER, DEFAULT_LIMITS, DEFAULT_RULES
from .grid import CELL_FIELDS, ROW_FIELDS, GridRow, cell_key, ladder_fingerprint, row_key, steps_of_row
from .ladder import step_values
from .models import (
    HOW_TO_APPEAL_ES,
    AppealSettings,
    AuthorityGroup,
    BehaviourClass,
    IssueLimit,
    LadderStep,
    LadderStepChoice,
    LookbackUnit,
    Outcome,
    PeriodUnit,
    Rule,
    RuleVersion,
)

RULE_FIELDS = ["code", "title", "text", "title_es", "text_es", "behaviour_class", "is_active"]
CLASS_FIELDS = [
    "rank",
    "name",
    "name_es",
    "in_sentence",
    "in_sentence_es",
    "default_lookback_number",
    "default_lookback_unit",
    "default_counts",
]


@transaction.atomic
def rules_install_defaults(*, system, actor=None) -> int:
    """Give a system the default rules, ladder, limits and appeal settings. Adds only what is missing."""
    created = 0
    classes = _default_classes(system=system, actor=actor)
    for code, title, rank, text, title_es, text_es in DEFAULT_RULES:
        if not Rule.objects.filter(system=system, code=code).exists() and rank in classes:
            rule_create(
                actor=actor,
                system=system,
                code=code,
                title=title,
                text=text,
                behaviour_class=classes[rank],
                title_es=title_es,
                text_es=text_es,
            )
            created += 1
    if not LadderStep.objects.filter(system=system).exists():
        ladder_rows_install(
            actor=actor, system=system, classes=classes, rows=[r for r in DEFAULT_LADDER if r[0] in classes]
        )
    default_limits_install(system=system)
    appeal_settings_to_edit(system)
    return created


@transaction.atomic
def system_defaults_install(*, system, actor=None) -> None:
    """What a new system needs to issue exclusions on day one: the default limit of each role and the
    default appeal rules. Adds only what is missing; the rules and the ladder are the library's own."""
    added = default_limits_install(system=system)
    appeal_settings_to_edit(system)
    if added:
        events.limits_installed(actor=actor, system=system, roles=added)


def default_limits_install(*, system) -> list[str]:
    """The default limit of every role (and the director) that has none yet; the roles given one."""
    added = []
    for role, (number, unit, open_ended) in DEFAULT_LIMITS.items():
        _, created = IssueLimit.objects.get_or_create(
            system=system,
            role=role,
            defaults={"length_number": number, "length_unit": unit, "may_issue_open_ended": open_ended},
        )
        if created:
            added.append(role)
    return added


def _default_classes(*, system, actor) -> dict[int, BehaviourClass]:
    """The system's classes by rank; the default four only for a system that has none of its own yet."""
    if not BehaviourClass.objects.filter(system=system).exists():
        for rank, name, name_es, word, word_es in DEFAULT_CLASSES:
            behaviour_class_create(
                actor=actor,
                system=system,
                rank=rank,
                name=name,
                name_es=name_es,
                in_sentence=word,
                in_sentence_es=word_es,
            )
    # Classes may share a rank: a default row of that rank goes to the first by name, then the oldest.
    by_rank = BehaviourClass.objects.filter(system=system).order_by("rank", "-name", "-pk")
    return {c.rank: c for c in by_rank}


@transaction.atomic
def behaviour_class_create(*, actor, system, **values) -> BehaviourClass:
    values = _no_empty_spanish_name(values)
    with writing_main_language():
        behaviour_class = BehaviourClass(system=system, **values)
    behaviour_class.full_clean()
    behaviour_class.save()
    events.class_added(
        actor=actor,
        behaviour_class=behaviour_class,
        system=system,
        changes={name: str(values.get(name, "")) for name in CLASS_FIELDS},
    )
    return behaviour_class


@transaction.atomic
def behaviour_class_update(
    *, actor, behaviour_class: BehaviourClass, expected_version: int, **values
) -> BehaviourClass:
    values = _no_empty_spanish_name(values)
    with writing_main_language():
        before = {name: getattr(behaviour_class, name) for name in CLASS_FIELDS}
        for name, value in values.items():
            setattr(behaviour_class, name, value)
        save_if_unchanged(behaviour_class, expected_version=expected_version, fields=list(values))
        changes = changed_fields(behaviour_class, before, CLASS_FIELDS)
    events.class_changed(actor=actor, behaviour_class=behaviour_class, changes=changes)
    return behaviour_class


@transaction.atomic
def behaviour_class_delete(*, actor, behaviour_class: BehaviourClass) -> None:
    """Remove a class no rule and no row of the ladder uses; one in use is refused with the reason."""
    if behaviour_class.rules.exists() or behaviour_class.ladder_steps.exists():
        raise ValidationError(
            _("Rules or rows of the ladder still use %(name)s: move them to another class first.")
            % {"name": behaviour_class.name}
        )
    events.class_removed(actor=actor, behaviour_class=behaviour_class)
    behaviour_class.delete()


def _no_empty_spanish_name(values: dict) -> dict:
    """Names are unique in each language; a missing Spanish name is NULL so that several may be missing."""
    if "name_es" in values:
        values = values | {"name_es": (values["name_es"] or "").strip() or None}
    return values


def _require_own_class(system_id: int, behaviour_class: BehaviourClass) -> None:
    if behaviour_class.system_id != system_id:
        raise ValidationError({"behaviour_class": _("Choose one of your library system's classes.")})


@transaction.atomic
def rule_create(
    *,
    actor,
    system,
    code: str,
    title: str,
    text: str,
    behaviour_class: BehaviourClass,
    is_active: bool = True,
    title_es: str = "",
    text_es: str = "",
) -> Rule:
    _require_own_class(system.pk, behaviour_class)
    with writing_main_language():
        rule = Rule(
            system=system,
            code=code,
            title=title,
            text=text,
            behaviour_class=behaviour_class,
            is_active=is_active,
            title_es=title_es,
            text_es=text_es,
        )
    rule.full_clean()
    rule.save()
    _snapshot(rule, actor=actor, note="First version")
    events.rule_added(actor=actor, rule=rule, system=system)
    return rule


@transaction.atomic
def rule_update(*, actor, rule: Rule, expected_version: int, change_note: str = "", **values) -> Rule:
    if "behaviour_class" in values:
        _require_own_class(rule.system_id, values["behaviour_class"])
    with writing_main_language():
        before = {name: getattr(rule, name) for name in RULE_FIELDS}
        for name, value in values.items():
            setattr(rule, name, value)
    save_if_unchanged(rule, expected_version=expected_version, fields=list(values))
    with writing_main_language():
        changes = changed_fields(rule, before, RULE_FIELDS)
    if changes:
        _snapshot(rule, actor=actor, note=change_note)
    events.rule_changed(actor=actor, rule=rule, changes=changes)
    return rule


def _snapshot(rule: Rule, *, actor, note: str) -> RuleVersion:
    number = (rule.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    with writing_main_language():
        version = RuleVersion(
            rule=rule,
            number=number,
            title=rule.title_en,
            text=rule.text_en,
            title_es=rule.title_es,
            text_es=rule.text_es,
            class_name=rule.behaviour_class.name_en,
            changed_by=actor if getattr(actor, "pk", None) else None,
            change_note=note,
        )
    version.full_clean()
    version.save()
    return version


def with_class_defaults(behaviour_class: BehaviourClass, values: dict) -> dict:
    """The row's values, its look-back and its counting taken from the class where the row gives none."""
    values = dict(values)
    if not values.get("lookback_unit"):
        values["lookback_unit"] = behaviour_class.default_lookback_unit
        values["lookback_number"] = behaviour_class.default_lookback_number
    if not values.get("counts"):
        values["counts"] = behaviour_class.default_counts
    return values


@transaction.atomic
def ladder_step_create(
    *, actor, system, behaviour_class: BehaviourClass, choices: list[dict] | None = None, **values
) -> LadderStep:
    """Add a row; `choices` are its further options ("or ..."), each a dict of CHOICE_FIELDS. A row that
    gives no look-back or counting uses its class's defaults."""
    _require_own_class(system.pk, behaviour_class)
    values = with_class_defaults(behaviour_class, values)
    with writing_main_language():
        step = LadderStep(system=system, behaviour_class=behaviour_class, **values)
    step.full_clean()
    step.save()
    saved = _choices_replace(step, choices or [])
    events.step_added(
        actor=actor,
        step=step,
        system=system,
        changes={"behaviour_class": behaviour_class.pk}
        | {k: str(v) for k, v in values.items()}
        | ({"choices": saved} if saved else {}),
    )
    return step


def ladder_rows_install(*, actor, system, classes: dict[int, BehaviourClass], rows) -> list[LadderStep]:
    """Enter a published table as it stands, row by row (rows in the format of `ladder.LADDER_ROW`)."""
    return [ladder_step_create(actor=actor, system=system, **step_values(row, classes)) for row in rows]


STEP_FIELDS = [
    "behaviour_class",
    "for_minors",
    "offence_from",
    "offence_to",
    "lookback_number",
    "lookback_unit",
    "counts",
    "outcome",
    "length_min",
    "length_max",
    "length_unit",
    "lift_after_number",
    "lift_after_unit",
    "note",
    "note_es",
]


@transaction.atomic
def ladder_step_update(
    *, actor, step: LadderStep, expected_version: int, choices: list[dict] | None = None, **values
) -> LadderStep:
    """Change a row; `choices`, when given, replace its further options (None leaves them as they are)."""
    if "behaviour_class" in values:
        _require_own_class(step.system_id, values["behaviour_class"])
    choices_before = _choices_described(step)
    with writing_main_language():
        before = {name: getattr(step, name) for name in STEP_FIELDS}
        for name, value in values.items():
            setattr(step, name, value)
        # The row's version covers its further options too: they are replaced with it, or not at all.
        save_if_unchanged(step, expected_version=expected_version, fields=list(values))
        changes = changed_fields(step, before, STEP_FIELDS)
    if choices is not None:
        choices_after = _choices_replace(step, choices)
        if choices_after != choices_before:
            changes["choices"] = [choices_before, choices_after]
    events.step_changed(actor=actor, step=step, changes=changes)
    return step


CHOICE_FIELDS = ("outcome", "length_min", "length_max", "length_unit")  # a tuple: formsets extend lists


def _choice_cleaned(values: dict) -> dict:
    """A choice as it is stored: a length only on a suspension, the longest the shortest when only one."""
    values = {name: values.get(name) for name in CHOICE_FIELDS}
    if values["outcome"] != Outcome.SUSPENSION:
        return values | {"length_min": None, "length_max": None, "length_unit": PeriodUnit.DAYS}
    if values["length_min"] and not values["length_max"]:
        values["length_max"] = values["length_min"]
    values["length_unit"] = values["length_unit"] or PeriodUnit.DAYS
    return values


def _choices_described(step: LadderStep) -> list[str]:
    if step.pk is None:
        return []
    return [
        " ".join(str(getattr(choice, name)) for name in CHOICE_FIELDS if getattr(choice, name) is not None)
        for choice in step.choices.order_by("position")
    ]


def _choices_replace(step: LadderStep, choices: list[dict]) -> list[str]:
    """Make the row's further options exactly `choices`, numbered 2, 3, ... in their order; refused (every
    problem at once, keyed "choices") when one is invalid or repeats the row's own option."""
    own = _choice_cleaned({name: getattr(step, name) for name in CHOICE_FIELDS})
    wanted, errors = [], []
    for position, values in enumerate((_choice_cleaned(v) for v in choices), start=2):
        choice = LadderStepChoice(step=step, position=position, **values)
        if values == own:
            errors.append(
                _("Option %(number)s repeats the row's own outcome and length: change it or remove it.")
                % {"number": position}
            )
            continue
        try:
            choice.full_clean(exclude=["step"], validate_unique=False)
        except ValidationError as error:
            errors.extend(
                _("Option %(number)s: %(problem)s") % {"number": position, "problem": message}
                for message in error.messages
            )
            continue
        wanted.append(choice)
    if errors:
        raise ValidationError({"choices": errors})
    step.choices.all().delete()
    LadderStepChoice.objects.bulk_create(wanted)
    return _choices_described(step)


@transaction.atomic
def ladder_step_delete(*, actor, step: LadderStep) -> None:
    events.step_removed(actor=actor, step=step)
    step.delete()


LIMIT_FIELDS = ["length_number", "length_unit", "may_issue_open_ended"]
GROUP_FIELDS = ["name", "name_es"]


@transaction.atomic
def issue_limit_set(
    *, actor, system, role: str, length_number: int | None, length_unit: str, may_issue_open_ended: bool
) -> IssueLimit:
    """Set the limit of a role, or of the director (`role="director"`)."""
    limit = IssueLimit.objects.filter(system=system, role=role).first() or IssueLimit(
        system=system, role=role
    )
    before = {name: getattr(limit, name) for name in LIMIT_FIELDS}
    _fill_limit(limit, length_number, length_unit, may_issue_open_ended)
    limit.full_clean()
    limit.save()
    events.limit_changed(
        actor=actor,
        limit=limit,
        system=system,
        changes={"role": role, **changed_fields(limit, before, LIMIT_FIELDS)},
    )
    return limit


def _fill_limit(limit: IssueLimit, length_number, length_unit, may_issue_open_ended) -> None:
    limit.length_number = length_number
    limit.length_unit = length_unit or Unit.DAYS
    limit.may_issue_open_ended = may_issue_open_ended


def _require_staff_of(system, members) -> list:
    """Members of a group are people of the group's own library system, never of another."""
    members = list(members)
    if any(member.library_system_id != system.pk for member in members):
        raise ValidationError({"members": _("Choose members among the staff of your own library system.")})
    return members


@transaction.atomic
def authority_group_create(
    *,
    actor,
    system,
    name: str,
    name_es: str = "",
    members=(),
    length_number: int | None,
    length_unit: str = Unit.DAYS,
    may_issue_open_ended: bool = False,
) -> AuthorityGroup:
    members = _require_staff_of(system, members)
    with writing_main_language():
        group = AuthorityGroup(system=system, name=name, name_es=(name_es or "").strip() or None)
    group.full_clean()
    group.save()
    group.members.set(members)
    limit = IssueLimit(system=system, group=group)
    _fill_limit(limit, length_number, length_unit, may_issue_open_ended)
    limit.full_clean()
    limit.save()
    events.group_added(
        actor=actor,
        group=group,
        system=system,
        changes={
            "name": name,
            "name_es": name_es,
            "members": {"value": sorted(member.pk for member in members)},
            **{field: str(getattr(limit, field)) for field in LIMIT_FIELDS},
        },
    )
    return group


@transaction.atomic
def authority_group_update(
    *,
    actor,
    group: AuthorityGroup,
    expected_version: int,
    name: str,
    name_es: str,
    members,
    length_number: int | None,
    length_unit: str,
    may_issue_open_ended: bool,
) -> AuthorityGroup:
    """Rename the group, change its members and its limit: all or nothing, and refused when someone else
    saved the group since the form was opened."""
    members = _require_staff_of(group.system, members)
    with writing_main_language():
        before = {name: getattr(group, name) for name in GROUP_FIELDS}
        group.name, group.name_es = name, (name_es or "").strip() or None
    members_before = set(group.members.values_list("pk", flat=True))
    limit = IssueLimit.objects.filter(group=group).first() or IssueLimit(
        system_id=group.system_id, group=group
    )
    limit_before = {field: getattr(limit, field) for field in LIMIT_FIELDS}
    save_if_unchanged(group, expected_version=expected_version, fields=GROUP_FIELDS)
    group.members.set(members)
    _fill_limit(limit, length_number, length_unit, may_issue_open_ended)
    limit.full_clean()
    limit.save()
    with writing_main_language():
        group_changes = changed_fields(group, before, GROUP_FIELDS)
    changes = {
        **group_changes,
        **changed_fields(limit, limit_before, LIMIT_FIELDS),
    }
    members_after = {member.pk for member in members}
    if members_after != members_before:
        changes["members"] = {"old": sorted(members_before), "new": sorted(members_after)}
    events.group_changed(actor=actor, group=group, changes=changes)
    return group


@transaction.atomic
def authority_group_delete(*, actor, group: AuthorityGroup, expected_version: int) -> None:
    """Remove a group and its limit; its members keep the limits of their roles."""
    if not AuthorityGroup.objects.filter(pk=group.pk, version=expected_version).exists():
        raise StaleEditError()
    events.group_removed(
        actor=actor,
        group=group,
        changes={"name": {}, "members": {"value": sorted(group.members.values_list("pk", flat=True))}},
    )
    group.delete()


def appeal_settings_to_edit(system) -> AppealSettings:
    """The system's saved appeal rules, created with the defaults the first time they are edited."""
    settings, _ = AppealSettings.objects.get_or_create(
        system=system, defaults={"how_to_appeal_es": HOW_TO_APPEAL_ES}
    )
    system.__dict__["_appeal_settings"] = settings
    return settings


@transaction.atomic
def appeal_settings_update(
    *, actor, settings: AppealSettings, expected_version: int, **values
) -> AppealSettings:
    with writing_main_language():
        before = {name: getattr(settings, name) for name in values}
        for name, value in values.items():
            setattr(settings, name, value)
    save_if_unchanged(settings, expected_version=expected_version, fields=list(values))
    with writing_main_language():
        changes = changed_fields(settings, before, list(values))
    events.appeal_rules_changed(actor=actor, settings=settings, changes=changes)
    return settings


STALE_LADDER_MESSAGE = gettext_lazy(
    "Someone else changed the ladder while you were entering this table. Nothing was saved: what you typed "
    "is still in the table below. Open the ladder in a new tab to see their changes; saving again replaces "
    "them with this table."
)


class StaleLadderError(ValidationError):
    def __init__(self):
        super().__init__(STALE_LADDER_MESSAGE, code="stale")


@transaction.atomic
def ladder_grid_save(*, actor, system, rows: list[GridRow], expected_fingerprint: str) -> dict:
    """Save a whole table at once: every row of the ladder of the classes in `rows` becomes what the grid
    says, or nothing changes at all.

    Refused (StaleLadderError) when the ladder is no longer the one the grid was read from, and refused with
    every problem at once (a ValidationError keyed by cell and row, see `grid.cell_key`) when any cell is
    wrong. Rows are matched on their first offence, so an unchanged row keeps its identity and history.
    """
    # Two administrators saving at once queue here (PostgreSQL), so the second one sees the first's table.
    LibrarySystem.objects.select_for_update().filter(pk=system.pk).first()
    steps = list(
        LadderStep.objects.filter(system=system).select_related("behaviour_class").prefetch_related("choices")
    )
    if ladder_fingerprint(steps) != expected_fingerprint:
        raise StaleLadderError()
    rows = [_grid_row_cleaned(row) for row in rows]
    errors = {}
    for row in rows:
        _require_own_class(system.pk, row.behaviour_class)
        errors |= _grid_row_errors(system, row)
    if errors:
        raise ValidationError(errors)
    wanted = {(row.behaviour_class.pk, row.for_minors) for row in rows}
    existing = {
        (s.behaviour_class_id, s.for_minors, s.offence_from): s
        for s in steps
        if (s.behaviour_class_id, s.for_minors) in wanted
    }
    counts = {"added": 0, "changed": 0, "removed": 0}
    for row in rows:
        for values in steps_of_row(row):
            key = (row.behaviour_class.pk, row.for_minors, values["offence_from"])
            step = existing.pop(key, None)
            if step is None:
                ladder_step_create(actor=actor, system=system, **values)
                counts["added"] += 1
            elif _grid_step_changed(step, values):
                # The whole grid was checked against its fingerprint: each row saves from its current version.
                ladder_step_update(actor=actor, step=step, expected_version=step.version, **values)
                counts["changed"] += 1
    for step in existing.values():
        ladder_step_delete(actor=actor, step=step)
        counts["removed"] += 1
    events.ladder_grid_saved(
        actor=actor,
        system=system,
        changes={"classes": len({row.behaviour_class.pk for row in rows})} | counts,
    )
    return counts


def _grid_step_changed(step: LadderStep, values: dict) -> bool:
    choices = [_choice_cleaned(choice) for choice in values["choices"]]
    stored = [{name: getattr(c, name) for name in CHOICE_FIELDS} for c in step.choices.all()]
    fields = (name for name in values if name != "choices")
    return choices != stored or any(getattr(step, name) != values[name] for name in fields)


def _grid_row_cleaned(row: GridRow) -> GridRow:
    """A row as it is stored: no window number with "no look-back", a length only on a suspension (the
    longest is the shortest when only one is given), a time to ask to lift only on a permanent exclusion."""
    cells = []
    for cell in row.cells:
        changes = {}
        if cell.outcome != Outcome.SUSPENSION:
            changes |= {"length_min": None, "length_max": None, "length_unit": PeriodUnit.DAYS}
        elif cell.length_min and not cell.length_max:
            changes["length_max"] = cell.length_min
        if cell.outcome != Outcome.PERMANENT:
            changes |= {"lift_after_number": None, "lift_after_unit": PeriodUnit.YEARS}
        if cell.or_outcome != Outcome.SUSPENSION:
            changes |= {"or_length_min": None, "or_length_max": None, "or_length_unit": PeriodUnit.DAYS}
        elif cell.or_length_min and not cell.or_length_max:
            changes["or_length_max"] = cell.or_length_min
        cells.append(replace(cell, **changes) if cell.outcome else cell)
    number = None if row.lookback_unit == LookbackUnit.NONE else row.lookback_number
    return replace(row, lookback_number=number, cells=tuple(cells))


def _grid_or_problem(cell) -> tuple[str, str] | None:
    """What is wrong with a cell's "or" option, as (field, message), or None."""
    if not cell.or_outcome:
        if cell.or_length_min or cell.or_length_max:
            return "or_outcome", _("Choose the “or” outcome, or empty its length.")
        return None
    if cell.or_outcome == Outcome.SUSPENSION and not cell.or_length_min:
        return "or_length_min", _("A suspension needs its length, for example 7 days or 1 month.")
    if cell.or_outcome == Outcome.SUSPENSION and cell.or_length_max < cell.or_length_min:
        return "or_length_max", _("The longest cannot be shorter than the shortest.")
    own = _choice_cleaned(cell.values())
    if _choice_cleaned(cell.choices()[0]) == own:
        return "or_outcome", _(
            "The “or” option repeats the cell's own outcome and length: change it or empty it."
        )
    return None


def _grid_row_errors(system, row: GridRow) -> dict[str, list]:
    """Every problem of one row, keyed "<row or cell key>-<field>" so each shows beside its own input."""
    errors: dict[str, list] = {}
    prefix = row_key(row.for_minors, row.behaviour_class.pk)
    if row.lookback_unit != LookbackUnit.NONE and not row.lookback_number:
        errors[f"{prefix}-lookback_number"] = [_("Give the look-back window, or choose “no look-back”.")]
    for offence, cell in enumerate(row.cells, start=1):
        key = cell_key(row.for_minors, row.behaviour_class.pk, offence)
        if cell.is_empty:
            if cell.length_min or cell.length_max or cell.lift_after_number or cell.note:
                errors[f"{key}-outcome"] = [_("Choose the outcome, or empty this cell.")]
            continue
        if cell.outcome == Outcome.SUSPENSION and not cell.length_min:
            errors[f"{key}-length_min"] = [_("A suspension needs its length, for example 7 days or 1 month.")]
            continue
        if cell.outcome == Outcome.SUSPENSION and cell.length_max < cell.length_min:
            errors[f"{key}-length_max"] = [_("The longest cannot be shorter than the shortest.")]
            continue
        if problem := _grid_or_problem(cell):
            errors[f"{key}-{problem[0]}"] = [problem[1]]
            continue
        step = LadderStep(
            system=system,
            behaviour_class=row.behaviour_class,
            for_minors=row.for_minors,
            offence_from=offence,
            offence_to=offence,
            lookback_number=row.lookback_number or (1 if row.lookback_unit != LookbackUnit.NONE else None),
            lookback_unit=row.lookback_unit,
            counts=row.counts,
            **cell.values(),
        )
        try:
            step.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = prefix if name in ROW_FIELDS else key
                target = name if name in ROW_FIELDS or name in CELL_FIELDS else "outcome"
                errors.setdefault(f"{where}-{target}", []).extend(messages)
    return errors


@transaction.atomic
def ladder_csv_import(*, actor, system, upload) -> int:
    """Replace the whole ladder with the steps of a CSV file (see `ladder_csv`), or change nothing.

    Refused with a ValidationError listing every problem ("Row 4, outcome: ...") when any cell is wrong or
    names a class the system does not have (classes are never created from a file). Returns the rows saved.
    """
    text = ladder_csv.read_upload(upload)
    # As for the table: two administrators replacing the ladder at once queue here (PostgreSQL).
    LibrarySystem.objects.select_for_update().filter(pk=system.pk).first()
    rows, errors = ladder_csv.parse_csv(text, system)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("The file has no rows of the ladder: nothing was changed."))
    old = LadderStep.objects.filter(system=system)
    removed = old.count()
    old.delete()
    for row in rows:
        row.step.save()
        for choice in row.choices:
            choice.step = row.step
            choice.save()
    events.ladder_csv_imported(
        actor=actor,
        system=system,
        changes={
            "rows": len(rows),
            "rows_removed": removed,
            "choices": sum(len(row.choices) for row in rows),
            "file": {},
        },
    )
    return len(rows)
