"""The whole ladder entered as a table, as the library publishes it, and saved in one go."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from patroncare.core.access import ActionMixin
from patroncare.core.forms import add_service_errors
from patroncare.rulebook import selectors as rulebook_selectors
from patroncare.rulebook import services as rulebook_services
from patroncare.rulebook.grid import MAX_COLUMNS, GridCell

from ..grid_form import LadderGridForm, offence_headings
from ..permissions import can_configure_conduct
from ._base import ConductView

# The buttons of the table: each posts the whole table, so what was typed stays when the page comes back.
ADD_OFFENCE, REMOVE_OFFENCE, ADD_MINORS, COPY, SAVE = (
    "add_offence",
    "remove_offence",
    "add_minors",
    "copy:",
    "save",
)


class LadderGridView(ConductView):
    permission = can_configure_conduct

    def get(self, request):
        grid = rulebook_selectors.ladder_grid_of(system=request.user.library_system)
        return render_grid(request, LadderGridForm(grid=grid))


def render_grid(request, form: LadderGridForm, status: int = 200):
    context = {
        "form": form,
        "table": form.table(),
        "headings_json": offence_headings(),
        "max_columns": MAX_COLUMNS,
    }
    return render(request, "conduct/ladder_grid.html", context, status=status)


class LadderGridSaveView(ActionMixin, ConductView):
    permission = can_configure_conduct

    def post(self, request):
        system = request.user.library_system
        data = request.POST.copy()
        action = data.get("action", SAVE)
        columns = _posted_int(data.get("columns"))
        shows_minors = data.get("minors") in ("True", "true", "on", "1")
        if action == ADD_OFFENCE and columns:
            columns = min(columns + 1, MAX_COLUMNS)
        elif action == REMOVE_OFFENCE and columns:
            columns = max(columns - 1, 1)
        elif action == ADD_MINORS:
            shows_minors = True
        grid = rulebook_selectors.ladder_grid_of(system=system, columns=columns, shows_minors=shows_minors)
        data["columns"], data["minors"] = grid.columns, grid.shows_minors
        if action.startswith(COPY):
            _copy_previous_row(data, grid, action.removeprefix(COPY))
        form = LadderGridForm(data, grid=grid)
        if action != SAVE:
            return render_grid(request, form)
        if form.is_valid():
            try:
                counts = rulebook_services.ladder_grid_save(
                    actor=request.user,
                    system=system,
                    rows=form.grid_rows(),
                    expected_fingerprint=form.cleaned_data["fingerprint"],
                )
            except rulebook_services.StaleLadderError as error:
                # What was typed stays; saving again, after a look at the other changes, is then deliberate.
                form.data = form.data.copy()
                form.data["fingerprint"] = grid.fingerprint
                form.add_error(None, error)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _saved_message(counts))
                return redirect("conduct:ladder_grid")
        return render_grid(request, form, status=400)


def _posted_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _copy_previous_row(data, grid, target_key: str) -> None:
    """Fill the cells of the row `target_key` with those of the row above it in the same section."""
    for rows in (grid.adult_rows, grid.minor_rows):
        editable = [row for row in rows if row.editable]
        for previous, row in zip(editable, editable[1:], strict=False):
            if row.key == target_key:
                source, target = previous.key.replace("r-", "c-", 1), row.key.replace("r-", "c-", 1)
                for offence in range(1, grid.columns + 1):
                    for name in GridCell.__dataclass_fields__:
                        data[f"{target}-{offence}-{name}"] = data.get(f"{source}-{offence}-{name}", "")
                return


def _saved_message(counts: dict) -> str:
    if not any(counts.values()):
        return _("The table was saved; nothing in it had changed.")
    return (
        _("The table was saved. Rows added: %(added)s; changed: %(changed)s; removed: %(removed)s.") % counts
    )
