"""The ladder as the library publishes it: a table of classes (rows) by offence number (columns).

Pure functions between the grid and the rows of the ladder (`LadderStep`). A cell is one offence of one class;
the last column is "and every later offence". Neighbouring cells that say the same thing are stored as one row
with an offence range (1st-2nd: warning), so a table read into the grid and saved back stays what it was.
"""

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from .models import BehaviourClass, Counting, LadderStep, LookbackUnit, PeriodUnit

CELL_FIELDS = (
    "outcome",
    "length_min",
    "length_max",
    "length_unit",
    "lift_after_number",
    "lift_after_unit",
    "note",
)
# The cell's second option ("or ..."), stored as the row's choice at position 2.
OR_FIELDS = ("or_outcome", "or_length_min", "or_length_max", "or_length_unit")
ROW_FIELDS = ("lookback_number", "lookback_unit", "counts")
# A table wider than this is not a published table any more; the limit keeps a posted form bounded.
MAX_COLUMNS = 12
DEFAULT_COLUMNS = 3


@dataclass(frozen=True)
class GridCell:
    """What the table says for one offence of one class; an empty outcome means the table has no row here."""

    outcome: str = ""
    length_min: int | None = None
    length_max: int | None = None
    length_unit: str = PeriodUnit.DAYS
    lift_after_number: int | None = None
    lift_after_unit: str = PeriodUnit.YEARS
    note: str = ""
    or_outcome: str = ""
    or_length_min: int | None = None
    or_length_max: int | None = None
    or_length_unit: str = PeriodUnit.DAYS

    @property
    def is_empty(self) -> bool:
        return not self.outcome

    def values(self) -> dict:
        """The fields of the ladder row itself (option 1)."""
        return {name: value for name, value in asdict(self).items() if name not in OR_FIELDS}

    def choices(self) -> list[dict]:
        """The row's further options as the services take them: the "or" option, or none."""
        if not self.or_outcome:
            return []
        return [{name.removeprefix("or_"): getattr(self, name) for name in OR_FIELDS}]


@dataclass(frozen=True)
class GridRow:
    """One class of the table (for adults, or for minors), its window and counting, and its cells in order.

    `editable` is False for a class whose rows the grid cannot show faithfully (overlapping ranges, or
    different windows within the class): the grid shows them read-only and a save leaves them as they are.
    """

    behaviour_class: BehaviourClass
    for_minors: bool
    lookback_number: int | None
    lookback_unit: str
    counts: str
    cells: tuple[GridCell, ...] = field(default_factory=tuple)
    editable: bool = True

    @property
    def key(self) -> str:
        return row_key(self.for_minors, self.behaviour_class.pk)


def row_key(for_minors: bool, class_id: int) -> str:
    """The name every field and error of a row starts with: "r-a-12" (adults) or "r-m-12" (minors)."""
    return f"r-{'m' if for_minors else 'a'}-{class_id}"


def cell_key(for_minors: bool, class_id: int, offence: int) -> str:
    """The name every field and error of a cell starts with: "c-a-12-3" is the 3rd offence of class 12."""
    return f"c-{'m' if for_minors else 'a'}-{class_id}-{offence}"


def class_window(behaviour_class: BehaviourClass) -> dict:
    """The look-back and counting a new row of this class starts from."""
    return {
        "lookback_number": getattr(behaviour_class, "default_lookback_number", 12),
        "lookback_unit": getattr(behaviour_class, "default_lookback_unit", LookbackUnit.MONTHS),
        "counts": getattr(behaviour_class, "default_counts", Counting.SAME_CLASS),
    }


def columns_needed(steps: Iterable[LadderStep]) -> int:
    """Enough columns for every row: a row that ends at offence n needs an (empty) column after it, so
    that n is not read as "n and every later offence"."""
    needed = DEFAULT_COLUMNS
    for step in steps:
        needed = max(needed, step.offence_to + 1 if step.offence_to else step.offence_from)
    return min(needed, MAX_COLUMNS)


def _cell_of(step: LadderStep) -> GridCell:
    second = next(iter(step.choices.all()), None)
    options = {f"or_{name}": getattr(second, name) for name in CHOICE_COLUMNS} if second else {}
    return GridCell(**{name: getattr(step, name) for name in CELL_FIELDS}, **options)


CHOICE_COLUMNS = ("outcome", "length_min", "length_max", "length_unit")


def _choices_of(step: LadderStep) -> list[tuple]:
    return [tuple(getattr(choice, name) for name in CHOICE_COLUMNS) for choice in step.choices.all()]


def _representable(steps: Sequence[LadderStep], columns: int) -> bool:
    windows = {(s.lookback_number, s.lookback_unit, s.counts) for s in steps}
    covered: set[int] = set()
    for step in steps:
        last = step.offence_to or columns
        if step.offence_from > columns or last > columns:
            return False
        offences = set(range(step.offence_from, last + 1))
        if offences & covered:
            return False
        covered |= offences
    # The grid has room for one "or" option per cell; a row offering more is edited on its own page.
    return len(windows) <= 1 and all(len(step.choices.all()) <= 1 for step in steps)


def grid_row(
    behaviour_class: BehaviourClass, for_minors: bool, steps: Sequence[LadderStep], columns: int
) -> GridRow:
    """The row of the grid showing `steps` (the ladder rows of one class, for adults or for minors)."""
    steps = sorted(steps, key=lambda s: s.offence_from)
    if not steps:
        window = class_window(behaviour_class)
        return GridRow(behaviour_class, for_minors, **window, cells=(GridCell(),) * columns)
    cells = []
    for offence in range(1, columns + 1):
        step = next(
            (
                s
                for s in steps
                if s.offence_from <= offence and (s.offence_to is None or offence <= s.offence_to)
            ),
            None,
        )
        cells.append(_cell_of(step) if step else GridCell())
    first = steps[0]
    return GridRow(
        behaviour_class,
        for_minors,
        lookback_number=first.lookback_number,
        lookback_unit=first.lookback_unit,
        counts=first.counts,
        cells=tuple(cells),
        # Judged at the width the rows need: a narrower table asked for drops the later offences on purpose.
        editable=_representable(steps, max(columns, columns_needed(steps))),
    )


def steps_of_row(row: GridRow) -> list[dict]:
    """The ladder rows a grid row stands for: neighbouring equal cells become one range, the last column is
    open-ended, an empty cell is no row at all."""
    steps: list[dict] = []
    columns = len(row.cells)
    offence = 1
    while offence <= columns:
        cell = row.cells[offence - 1]
        if cell.is_empty:
            offence += 1
            continue
        last = offence
        while last < columns and row.cells[last] == cell:
            last += 1
        steps.append(
            {
                "behaviour_class": row.behaviour_class,
                "for_minors": row.for_minors,
                "offence_from": offence,
                "offence_to": None if last == columns else last,
                "lookback_number": row.lookback_number,
                "lookback_unit": row.lookback_unit,
                "counts": row.counts,
                **cell.values(),
                "choices": cell.choices(),
            }
        )
        offence = last + 1
    return steps


def ladder_fingerprint(steps: Iterable[LadderStep]) -> str:
    """A short digest of every row of a system's ladder: it changes whenever anyone changes the ladder, so a
    table entered from an older reading is refused instead of silently overwriting the newer one."""
    fields = ("pk", "behaviour_class_id", "for_minors", "offence_from", "offence_to")
    fields += ROW_FIELDS + CELL_FIELDS
    rows = sorted([getattr(step, name) for name in fields] + [_choices_of(step)] for step in steps)
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()[:20]
