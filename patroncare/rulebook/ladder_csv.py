"""The whole ladder as a CSV file: written for a spreadsheet, read back with every problem named by row and
column. Values are the stored codes (see `CODES`), so a file means the same in any language.

Rows are numbered as a spreadsheet numbers them: the header is row 1, the first step row 2.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BehaviourClass, Counting, LadderStep, LadderStepChoice, LookbackUnit, Outcome, PeriodUnit

MAX_UPLOAD_BYTES = 200 * 1024
BOM = "\ufeff"

STEP_COLUMNS = [
    "class",
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
    "wording",
    "wording_es",
]
CHOICE_FIELDS = ["outcome", "length_min", "length_max", "length_unit"]
# Column name -> model field, where they differ.
STEP_FIELD_OF = {"class": "behaviour_class", "wording": "note", "wording_es": "note_es"}
COLUMN_OF = {value: key for key, value in STEP_FIELD_OF.items()}
INTEGER_COLUMNS = {
    "offence_from",
    "offence_to",
    "lookback_number",
    "length_min",
    "length_max",
    "lift_after_number",
}
CHOICE_COLUMN = re.compile(r"^or_(outcome|length_min|length_max|length_unit)_(\d+)$")
YES, NO = "yes", "no"
# An empty coded cell means what an empty field of the form means.
EMPTY_MEANS = {
    "lookback_unit": LookbackUnit.MONTHS,
    "counts": Counting.SAME_CLASS,
    "length_unit": PeriodUnit.DAYS,
    "lift_after_unit": PeriodUnit.YEARS,
}

# Where a table-wide rule of a step shows its problem (a constraint's message has no field of its own).
CONSTRAINT_COLUMNS = {
    "ladderstep_offence_range_ordered": "offence_to",
    "ladderstep_lookback_positive": "lookback_number",
    "ladderstep_suspension_has_days": "length_min",
    "ladderstepchoice_suspension_has_length": "length_min",
}

# The codes each coded column accepts, for the page that explains the file.
CODES = {
    "for_minors": [(YES, gettext_lazy("yes")), (NO, gettext_lazy("no"))],
    "lookback_unit": LookbackUnit.choices,
    "counts": Counting.choices,
    "outcome": Outcome.choices,
    "length_unit": PeriodUnit.choices,
    "lift_after_unit": PeriodUnit.choices,
}


@dataclass
class ImportRow:
    """One step read from the file, checked and ready to save, with its further options."""

    line: int
    step: LadderStep
    choices: list[LadderStepChoice] = field(default_factory=list)


def choice_columns(position: int) -> list[str]:
    return [f"or_{name}_{position}" for name in CHOICE_FIELDS]


def export_csv(system) -> str:
    """The system's whole ladder, one step per row, with a BOM so that Excel reads it as UTF-8."""
    steps = list(
        LadderStep.objects.filter(system=system)
        .select_related("behaviour_class")
        .prefetch_related("choices")
        .order_by("behaviour_class__rank", "behaviour_class__name", "for_minors", "offence_from", "pk")
    )
    last = max([choice.position for step in steps for choice in step.choices.all()] + [2])
    header = STEP_COLUMNS + [name for position in range(2, last + 1) for name in choice_columns(position)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for step in steps:
        choices = {choice.position: choice for choice in step.choices.all()}
        cells = [_step_cell(step, column) for column in STEP_COLUMNS]
        for position in range(2, last + 1):
            choice = choices.get(position)
            cells += [_text(getattr(choice, name)) if choice else "" for name in CHOICE_FIELDS]
        writer.writerow(cells)
    return BOM + out.getvalue()


def _step_cell(step: LadderStep, column: str) -> str:
    if column == "class":
        return step.behaviour_class.name
    if column == "for_minors":
        return YES if step.for_minors else NO
    return _text(getattr(step, STEP_FIELD_OF.get(column, column)))


def _text(value) -> str:
    return "" if value is None else str(value)


def read_upload(upload, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The text of an uploaded CSV file, or a ValidationError saying why it is refused."""
    name = PurePath(upload.name or "").name
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s, larger than %(limit)s, the largest allowed.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    upload.seek(0)
    content = upload.read()
    not_csv = _(
        "Only CSV files (saved as “CSV UTF-8” from a spreadsheet) are accepted, and “%(name)s” is not one."
    )
    if PurePath(name).suffix.lower() != ".csv" or b"\x00" in content:
        raise ValidationError(not_csv % {"name": name})
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(not_csv % {"name": name}) from None
    return text.removeprefix(BOM)


def parse_csv(text: str, system) -> tuple[list[ImportRow], list[str]]:
    """Every step of the file checked as the database would check it: (rows, []) or ([], every problem)."""
    reader = csv.reader(io.StringIO(text.removeprefix(BOM)))
    header = [name.strip() for name in next(reader, [])]
    missing = [column for column in STEP_COLUMNS if column not in header]
    if missing:
        return [], [_where(1, column, _("this column is missing.")) for column in missing]
    positions = sorted({int(m.group(2)) for m in map(CHOICE_COLUMN.match, header) if m})
    classes = {c.name: c for c in BehaviourClass.objects.filter(system=system)}
    rows, errors, starts = [], [], {}
    for line, cells in enumerate(reader, start=2):
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        if not any(values.values()):
            continue
        row, row_errors = _parse_row(line, values, positions, classes, system)
        if row is not None:
            key = (row.step.behaviour_class_id, row.step.for_minors, row.step.offence_from)
            if key in starts:
                message = _("row %(row)s already starts at this offence for this class.") % {
                    "row": starts[key]
                }
                row_errors.append(_where(line, "offence_from", message))
            starts.setdefault(key, line)
            rows.append(row)
        errors += row_errors
    return ([], errors) if errors else (rows, [])


def _where(line: int, column: str, message: str) -> str:
    return _("Row %(row)s, %(column)s: %(message)s") % {"row": line, "column": column, "message": message}


def _parse_row(line, values, positions, classes, system) -> tuple[ImportRow | None, list[str]]:
    errors = []
    step_values = {}
    for column in STEP_COLUMNS:
        raw = values.get(column, "")
        try:
            step_values[STEP_FIELD_OF.get(column, column)] = _value(column, raw, classes)
        except ValidationError as error:
            errors += [_where(line, column, message) for message in error.messages]
    choices = []
    for position in positions:
        raw = {name: values.get(f"or_{name}_{position}", "") for name in CHOICE_FIELDS}
        if not any(raw.values()):
            continue
        choice_values = {"position": position}
        for name in CHOICE_FIELDS:
            try:
                choice_values[name] = _value(name, raw[name], classes)
            except ValidationError as error:
                errors += [_where(line, f"or_{name}_{position}", message) for message in error.messages]
        choices.append(choice_values)
    if errors:
        return None, errors
    step = LadderStep(system=system, **_with_longest(step_values))
    errors += _clean(line, step, column_of=lambda name: COLUMN_OF.get(name, name), exclude=None)
    row = ImportRow(line=line, step=step)
    for choice_values in choices:
        choice = LadderStepChoice(**_with_longest(choice_values))
        position = choice_values["position"]
        errors += _clean(line, choice, column_of=lambda name, p=position: f"or_{name}_{p}", exclude=["step"])
        row.choices.append(choice)
    return (None, errors) if errors else (row, [])


def _with_longest(values: dict) -> dict:
    """Only the shortest length given: the longest is the same (as in the table on the page)."""
    if values.get("length_min") and values.get("length_max") is None:
        values["length_max"] = values["length_min"]
    return values


def _clean(line, instance, *, column_of, exclude) -> list[str]:
    # The database lets a NULL length through its CHECK, so a suspension's length is asked for here.
    if instance.outcome == Outcome.SUSPENSION and not instance.length_min:
        message = _("a suspension needs its length, for example 7 days or 1 month.")
        return [_where(line, column_of("length_min"), message)]
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        messages = []
        for name, field_messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS:
                for message in field_messages:
                    messages.append(_where(line, column_of(_constraint_field(instance, message)), message))
            else:
                messages += [_where(line, column_of(name), message) for message in field_messages]
        return messages
    return []


def _constraint_field(instance, message: str) -> str:
    for constraint in instance._meta.constraints:
        if str(constraint.get_violation_error_message()) == message and constraint.name in CONSTRAINT_COLUMNS:
            return CONSTRAINT_COLUMNS[constraint.name]
    return "outcome"


def _value(column: str, raw: str, classes: dict):
    """One cell as the value stored, or a ValidationError in the reader's language."""
    if column == "class":
        if raw not in classes:
            names = ", ".join(sorted(classes)) or "—"
            raise ValidationError(
                _("there is no class named “%(name)s” (the classes are: %(names)s).")
                % {"name": raw, "names": names}
            )
        return classes[raw]
    if column == "for_minors":
        if raw.lower() not in (YES, NO, ""):
            raise ValidationError(_("write yes or no, not “%(value)s”.") % {"value": raw})
        return raw.lower() == YES
    if column in INTEGER_COLUMNS:
        if raw == "":
            if column == "offence_from":
                raise ValidationError(_("give the first offence number."))
            return None
        if not raw.isdigit():
            raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": raw})
        return int(raw)
    return raw or EMPTY_MEANS.get(column, "")
