"""Small numbers are protected in anything a trustee or the public sees.

A count from 1 to `threshold - 1` (PATRONCARE_SMALL_NUMBER_THRESHOLD, 5 by default) is shown as "fewer than
5". That alone is not enough when a table has totals: with one cell hidden in a column whose total is shown,
the hidden value is the total minus the others. So, in every line that adds up to a shown total (each column
of a table with a total row, each row of a table with a total column), a second cell is hidden as well (the
smallest count above zero that is still shown), or, when every other cell is zero, the total itself. This
runs until nothing changes, because hiding a cell in a column can leave it alone in its row. A percentage over
fewer than PATRONCARE_PERCENT_MIN_CASES cases (10) is not shown. PATRONCARE_SMALL_NUMBERS_PROTECTED turns the
rule off (for a library whose board sees every figure); staff dashboards never apply it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


def threshold() -> int:
    return int(getattr(settings, "PATRONCARE_SMALL_NUMBER_THRESHOLD", 5))


def percent_minimum() -> int:
    return int(getattr(settings, "PATRONCARE_PERCENT_MIN_CASES", 10))


def protection_on() -> bool:
    return bool(getattr(settings, "PATRONCARE_SMALL_NUMBERS_PROTECTED", True))


SMALL = "small"
COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class Cell:
    """A count as shown: `value` is None when it is hidden, and `hidden` says why."""

    value: int | float | None
    hidden: str = ""

    def __str__(self) -> str:
        if self.hidden == SMALL:
            return _("fewer than %(number)s") % {"number": threshold()}
        if self.hidden == COMPLEMENTARY:
            return _("not shown")
        return "" if self.value is None else str(self.value)

    @property
    def shown(self):
        """The value for a spreadsheet or a chart: the number, or the words in place of a hidden one."""
        return self.value if not self.hidden else str(self)


def protect_table(
    values: list[list[int]], *, column_totals: bool = True, row_totals: bool = False, limit: int | None = None
) -> tuple[list[list[Cell]], list[Cell], list[Cell]]:
    """Protect a table of counts: (cells, the total of each column, the total of each row).

    Totals are computed here from `values`, so they always add up; those not asked for come back empty.
    """
    limit = threshold() if limit is None else limit
    height = len(values)
    width = len(values[0]) if values else 0
    hidden = [[SMALL if 0 < value < limit else "" for value in row] for row in values]
    col_sums = [sum(values[r][c] for r in range(height)) for c in range(width)]
    row_sums = [sum(row) for row in values]
    col_hidden = [SMALL if 0 < total < limit else "" for total in col_sums] if column_totals else []
    row_hidden = [SMALL if 0 < total < limit else "" for total in row_sums] if row_totals else []

    lines = []  # (cells of the line as (r, c), its total's list and index)
    if column_totals:
        lines += [([(r, c) for r in range(height)], col_hidden, c) for c in range(width)]
    if row_totals:
        lines += [([(r, c) for c in range(width)], row_hidden, r) for r in range(height)]

    changed = True
    while changed:
        changed = False
        for cells, totals, index in lines:
            if totals[index]:
                continue  # the total is hidden: nothing can be worked out from it
            concealed = [(r, c) for r, c in cells if hidden[r][c]]
            if len(concealed) != 1:
                continue
            candidates = sorted(
                ((values[r][c], r, c) for r, c in cells if not hidden[r][c] and values[r][c] > 0)
            )
            if candidates:
                _, r, c = candidates[0]
                hidden[r][c] = COMPLEMENTARY
            else:
                totals[index] = COMPLEMENTARY
            changed = True

    cells = [
        [Cell(None if hidden[r][c] else values[r][c], hidden[r][c]) for c in range(width)]
        for r in range(height)
    ]
    column_cells = (
        [Cell(None if col_hidden[c] else col_sums[c], col_hidden[c]) for c in range(width)]
        if column_totals
        else []
    )
    row_cells = (
        [Cell(None if row_hidden[r] else row_sums[r], row_hidden[r]) for r in range(height)]
        if row_totals
        else []
    )
    return cells, column_cells, row_cells


def share(part: int, whole: int, *, protected: bool) -> float | None:
    """`part` of `whole` as a percentage with one decimal; None when there is nothing to divide, or when
    protected and `whole` is under the minimum number of cases."""
    if not whole or (protected and whole < percent_minimum()):
        return None
    return round(100 * part / whole, 1)


def measure(value, cases: int, *, protected: bool):
    """A median or the like over `cases`: hidden, as a percentage is, when protected and there are too few."""
    if not cases or (protected and cases < percent_minimum()):
        return None
    return value
