"""Failed rows of imports in the retention registry.

A row that could not be imported is kept on its run, with its values and why it failed, so that staff can
download it, fix it and import it again. Those values are copied from an old spreadsheet (a narrative, names),
so they go after the library's period; the run keeps its counts (so many rows failed) and nothing else.
"""

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.libraries.calendar import local_date
from patroncare.retention.models import Action
from patroncare.retention.registry import Due, RecordType, Schedule, register

from .models import ImportRun

FAILED_ROWS = "imports.failed_rows"


def _with_failed_rows() -> QuerySet:
    return ImportRun.objects.exclude(errors=[])


def _failed_rows_due(schedule: Schedule, as_of: date) -> QuerySet:
    cutoff = schedule.cutoff_moment(FAILED_ROWS, as_of)
    return _with_failed_rows().filter(system=schedule.system, created_at__lt=cutoff)


def failed_rows_due(schedule: Schedule, run: ImportRun) -> Due:
    if not run.errors:
        return Due(None, (_("no failed rows are kept"),))
    day = local_date(schedule.system, run.created_at)
    return Due(schedule.due_after(FAILED_ROWS, day), (_("imported on %(day)s") % {"day": day.isoformat()},))


def _apply_failed_rows(schedule: Schedule, ids: list[int], action: str, moment: datetime) -> None:
    ImportRun.objects.filter(pk__in=ids).update(errors=[])


register(
    RecordType(
        code=FAILED_ROWS,
        model=ImportRun,
        label=gettext_lazy("Rows of imports that failed (their values and errors; the counts stay)"),
        clock=gettext_lazy("after the import"),
        default_keep=(3, "months"),
        default_action=Action.DELETE,
        actions=(Action.DELETE,),
        due=_failed_rows_due,
        due_on=failed_rows_due,
        apply=_apply_failed_rows,
        minimum=(7, "days"),
        order=40,
    )
)
