"""The form of the ladder entered as a table: one field per input of every cell, named by its cell.

Field names follow `rulebook.grid` ("c-a-12-3-outcome" is the outcome of the 3rd offence of class 12 for
adults; "r-a-12-counts" the counting of that row), so a service's error lands on the input it is about.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.rulebook.grid import MAX_COLUMNS, GridCell, GridRow, cell_key, row_key
from patroncare.rulebook.ladder import ordinal
from patroncare.rulebook.models import Counting, LookbackUnit, Outcome, PeriodUnit
from patroncare.rulebook.selectors import LadderGrid

COUNTING_SHORT = [
    (Counting.SAME_CLASS, gettext_lazy("same class")),
    (Counting.SAME_OR_MORE_SERIOUS, gettext_lazy("this class or more serious")),
    (Counting.ANY_CLASS, gettext_lazy("any class")),
]
LOOKBACK_UNITS = [*PeriodUnit.choices, (LookbackUnit.NONE, gettext_lazy("no look-back"))]
OUTCOMES = [("", gettext_lazy("(none)")), *Outcome.choices]


def offence_heading(offence: int, last: bool) -> str:
    """ "First offence", "Third and every later offence"."""
    if last:
        text = _("%(nth)s and every later offence") % {"nth": ordinal(offence)}
    else:
        text = _("%(nth)s offence") % {"nth": ordinal(offence)}
    return text[0].upper() + text[1:]


def offence_headings() -> list[dict]:
    """Every column heading the page may need, for the script that adds a column without a round trip."""
    return [
        {"plain": offence_heading(n, False), "last": offence_heading(n, True)}
        for n in range(1, MAX_COLUMNS + 1)
    ]


def row_heading(row: GridRow) -> str:
    if row.for_minors:
        return _("%(class)s (minors)") % {"class": row.behaviour_class}
    return str(row.behaviour_class)


def _number(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=999,
        required=False,
        widget=forms.NumberInput(attrs={"class": "grid-number", "inputmode": "numeric"}),
    )


def _choice(label: str, choices, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=required)


class LadderGridForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    columns = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_COLUMNS)
    minors = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *, grid: LadderGrid):
        super().__init__(
            data,
            initial={"fingerprint": grid.fingerprint, "columns": grid.columns, "minors": grid.shows_minors},
        )
        self.grid = grid
        for row in self.editable_rows:
            self._add_row_fields(row)

    @property
    def editable_rows(self) -> list[GridRow]:
        return [row for row in self.grid.rows if row.editable]

    def _add_row_fields(self, row: GridRow) -> None:
        name, key = row_heading(row), row.key
        self.fields[f"{key}-lookback_number"] = _number(_("%(row)s: look-back window") % {"row": name})
        self.fields[f"{key}-lookback_unit"] = _choice(
            _("%(row)s: look-back unit") % {"row": name}, LOOKBACK_UNITS
        )
        self.fields[f"{key}-counts"] = _choice(
            _("%(row)s: earlier violations counted") % {"row": name}, COUNTING_SHORT
        )
        for field_name in ("lookback_number", "lookback_unit", "counts"):
            self.fields[f"{key}-{field_name}"].initial = getattr(row, field_name)
        for offence, cell in enumerate(row.cells, start=1):
            self._add_cell_fields(row, offence, cell)

    def _add_cell_fields(self, row: GridRow, offence: int, cell: GridCell) -> None:
        where = _("%(row)s, %(offence)s") % {
            "row": row_heading(row),
            "offence": offence_heading(offence, offence == len(row.cells)).lower(),
        }
        key = cell_key(row.for_minors, row.behaviour_class.pk, offence)
        fields = {
            "outcome": _choice(_("%(cell)s: outcome") % {"cell": where}, OUTCOMES, required=False),
            "length_min": _number(_("%(cell)s: shortest suspension") % {"cell": where}),
            "length_max": _number(_("%(cell)s: longest suspension") % {"cell": where}),
            "length_unit": _choice(_("%(cell)s: suspension unit") % {"cell": where}, PeriodUnit.choices),
            "lift_after_number": _number(_("%(cell)s: may ask to lift after") % {"cell": where}),
            "lift_after_unit": _choice(
                _("%(cell)s: may ask to lift after, unit") % {"cell": where}, PeriodUnit.choices
            ),
            "note": forms.CharField(
                label=_("%(cell)s: wording in your table") % {"cell": where},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"class": "grid-note"}),
            ),
            "or_outcome": _choice(_("%(cell)s: or") % {"cell": where}, OUTCOMES, required=False),
            "or_length_min": _number(_("%(cell)s: or, shortest suspension") % {"cell": where}),
            "or_length_max": _number(_("%(cell)s: or, longest suspension") % {"cell": where}),
            "or_length_unit": _choice(
                _("%(cell)s: or, suspension unit") % {"cell": where}, PeriodUnit.choices
            ),
        }
        for name, field in fields.items():
            field.initial = getattr(cell, name)
            self.fields[f"{key}-{name}"] = field

    def table(self) -> dict:
        """What the template lays out: the headings, then each section's rows with their bound fields."""
        columns = self.grid.columns

        def rows(grid_rows: list[GridRow]) -> list[dict]:
            laid_out, previous = [], None
            for row in grid_rows:
                laid_out.append(self._row_layout(row, previous, columns))
                previous = row if row.editable else None
            return laid_out

        return {
            "headings": [offence_heading(n, n == columns) for n in range(1, columns + 1)],
            "adult_rows": rows(self.grid.adult_rows),
            "minor_rows": rows(self.grid.minor_rows) if self.grid.shows_minors else [],
        }

    def _row_layout(self, row: GridRow, previous: GridRow | None, columns: int) -> dict:
        layout = {"row": row, "heading": row_heading(row), "key": row.key, "editable": row.editable}
        if not row.editable:
            return layout
        layout["copy_from"] = previous.key if previous else ""
        layout["copy_from_heading"] = row_heading(previous) if previous else ""
        layout["window"] = [
            self[f"{row.key}-{name}"] for name in ("lookback_number", "lookback_unit", "counts")
        ]
        layout["cells"] = []
        for offence in range(1, columns + 1):
            key = cell_key(row.for_minors, row.behaviour_class.pk, offence)
            fields = {name: self[f"{key}-{name}"] for name in GridCell.__dataclass_fields__}
            layout["cells"].append(
                {
                    "key": key,
                    "fields": fields,
                    "outcome": fields["outcome"].value() or "",
                    "or_outcome": fields["or_outcome"].value() or "",
                    "has_errors": any(field.errors for field in fields.values()),
                }
            )
        return layout

    def grid_rows(self) -> list[GridRow]:
        """The table as typed (call after `is_valid()`), one GridRow per editable class."""
        data = self.cleaned_data
        rows = []
        for row in self.editable_rows:
            cells = []
            for offence in range(1, len(row.cells) + 1):
                key = cell_key(row.for_minors, row.behaviour_class.pk, offence)
                values = {name: data.get(f"{key}-{name}") for name in GridCell.__dataclass_fields__}
                values["note"] = values["note"] or ""
                values["outcome"] = values["outcome"] or ""
                values["length_unit"] = values["length_unit"] or PeriodUnit.DAYS
                values["lift_after_unit"] = values["lift_after_unit"] or PeriodUnit.YEARS
                values["or_outcome"] = values["or_outcome"] or ""
                values["or_length_unit"] = values["or_length_unit"] or PeriodUnit.DAYS
                cells.append(GridCell(**values))
            key = row_key(row.for_minors, row.behaviour_class.pk)
            rows.append(
                GridRow(
                    row.behaviour_class,
                    row.for_minors,
                    lookback_number=data.get(f"{key}-lookback_number"),
                    lookback_unit=data.get(f"{key}-lookback_unit") or LookbackUnit.MONTHS,
                    counts=data.get(f"{key}-counts") or Counting.SAME_CLASS,
                    cells=tuple(cells),
                )
            )
        return rows

    def error_links(self) -> list[tuple[str, str]]:
        """(input id, "label: message") for the error summary, in the order of the table."""
        links = []
        for name in self.fields:
            if name in self.errors and name not in ("fingerprint", "columns", "minors"):
                bound = self[name]
                links += [(bound.auto_id, f"{bound.label}: {error}") for error in self.errors[name]]
        return links
