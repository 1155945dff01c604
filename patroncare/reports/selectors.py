"""Reads of the reports app: the dashboard for a user and period, and the board reports they may see."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.accounts.permissions import is_director
from patroncare.complaints.selectors import restricted_readable
from patroncare.core.charts import Chart, bar_chart, heat_map, line_chart

from . import community, learning, permissions
from . import figures as f
from .models import BoardReport, BoardReportReading, ReportStatus
from .periods import Period
from .routers import replica_reads
from .suppression import Cell, measure, protect_table, protection_on, share

COMMUNITY_SECTIONS = (
    # Figures of the referral log and the walk-throughs: a section waits, marked as such, until the library
    # has recorded something in it.
    ("referrals", gettext_lazy("Referrals by need"), community.referral_tables),
    ("walk-throughs", gettext_lazy("Walk-through results"), community.walk_tables),
)


def community_sections(scope, periods, present) -> list[Section]:
    sections = []
    for key, title, tables_of in COMMUNITY_SECTIONS:
        tables = tables_of(scope, periods)
        if any(table.rows and any(any(row.values) for row in table.rows) for table in tables):
            sections.append(Section(key, str(title), [present(table) for table in tables]))
        else:
            sections.append(Section(key, str(title), pending=True))
    return sections


@dataclass
class PresentedRow:
    label: str
    cells: list[Cell]
    link: str = ""
    headers: list[str] = field(default_factory=list)

    @property
    def labelled(self) -> list[tuple[str, Cell]]:
        """Each cell with its column's header (narrow screens label every cell)."""
        return list(zip(self.headers, self.cells, strict=False))


@dataclass
class PresentedTable:
    key: str
    title: str
    headers: list[str]
    rows: list[PresentedRow]
    total: list[Cell] | None = None

    @property
    def total_labelled(self) -> list[tuple[str, Cell]]:
        return list(zip(self.headers[1:], self.total or [], strict=False))


@dataclass
class Section:
    key: str
    title: str
    tables: list[PresentedTable] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pending: bool = False  # a place kept for figures that do not exist yet


@dataclass
class Dashboard:
    period: Period
    previous: Period
    last_year: Period
    protected: bool
    branch_names: list[str]
    sections: list[Section]

    @property
    def tables(self) -> list[PresentedTable]:
        return [table for section in self.sections for table in section.tables]

    def table(self, key: str) -> PresentedTable:
        for table in self.tables:
            if table.key == key:
                return table
        raise Http404


def dashboard_scope(*, user, branch_ids: list[int] | None = None) -> f.Scope:
    """The records the user's dashboard counts: their system, the branches asked for within those they may
    see (a branch outside them answers 404), and for staff only the complaints they may read."""
    allowed = permissions.dashboard_branch_ids(user)
    system = user.library_system
    branches = {branch.pk: branch for branch in system.branches.order_by("name")}
    if branch_ids:
        if any(pk not in branches or (allowed is not None and pk not in allowed) for pk in branch_ids):
            raise Http404
        chosen = sorted(branch_ids)
    else:
        chosen = None if allowed is None else sorted(allowed)
    if permissions.sees_protected_figures(user) or is_director(user):
        condition = Q()  # counts only, of every case: a trustee never reaches a record through them
    else:
        condition = restricted_readable(user=user)
    shown = [branches[pk] for pk in (chosen if chosen is not None else branches)]
    return f.Scope(system=system, branch_ids=chosen, complaint_condition=condition, branches=shown)


def dashboard_for(*, user, period: Period, branch_ids: list[int] | None = None) -> Dashboard:
    scope = dashboard_scope(user=user, branch_ids=branch_ids)
    protected = permissions.sees_protected_figures(user) and protection_on()
    with replica_reads():
        return build_dashboard(scope=scope, period=period, protected=protected, user=user)


def build_dashboard(*, scope: f.Scope, period: Period, protected: bool, user=None) -> Dashboard:
    periods = [period, period.previous(), period.last_year()]
    headers = [_("This period"), _("The period before"), _("Same period last year")]

    def present(table: f.Table) -> PresentedTable:
        return present_table(table, headers=headers, protected=protected, user=user, period=period)

    complaint_tables = [present(table) for table in f.complaint_tables(scope, periods)]
    incident_tables = [present(table) for table in f.incident_tables(scope, periods)]
    exclusion_tables = [present(table) for table in f.exclusion_tables(scope, periods)]
    trend_periods, trend_series = f.monthly_trend(scope, period)
    grid = f.incident_heat_map(scope, period)

    sections = [
        Section(
            "complaints",
            _("Complaints"),
            complaint_tables,
            [
                trend_chart(trend_periods, trend_series, protected=protected),
                comparison_chart(complaint_tables[0], _("Complaints"), headers),
                comparison_chart(complaint_tables[1], _("Complaints"), headers),
            ],
        ),
        Section(
            "incidents",
            _("Incidents"),
            incident_tables,
            [
                comparison_chart(incident_tables[0], _("Incidents"), headers),
                weekday_hour_chart(grid, protected),
            ],
        ),
        Section("exclusions", _("Exclusions"), exclusion_tables),
        Section(
            "learning",
            _("What we changed, and care for staff"),
            [present(table) for table in learning.learning_tables(scope, periods)],
        ),
    ]
    sections += community_sections(scope, periods, present)
    return Dashboard(
        period=period,
        previous=periods[1],
        last_year=periods[2],
        protected=protected,
        branch_names=[branch.name for branch in scope.branches],
        sections=sections,
    )


def present_table(table: f.Table, *, headers, protected: bool, user, period: Period) -> PresentedTable:
    count_rows = [row for row in table.rows if not (row.share or row.measure)]
    values = [row.values for row in count_rows]
    if protected:
        cells, totals, _rows = protect_table(values, column_totals=table.total)
    else:
        cells = [[Cell(value) for value in row] for row in values]
        totals = [Cell(sum(column)) for column in zip(*values, strict=True)] if table.total and values else []
    counted = iter(cells)
    link_allowed = (
        bool(table.drill_list) and user is not None and permissions.can_drill_down(user, table.drill_list)
    )
    rows = []
    for row in table.rows:
        if row.share:
            shown = [Cell(share(part, whole, protected=protected)) for part, whole in row.values]
            rows.append(PresentedRow(row.label, shown, headers=list(headers)))
            continue
        if row.measure:
            shown = [Cell(measure(value, cases, protected=protected)) for value, cases in row.values]
            rows.append(PresentedRow(row.label, shown, headers=list(headers)))
            continue
        link = drill_link(table.drill_list, row.drill, period) if link_allowed and row.drill else ""
        rows.append(PresentedRow(row.label, next(counted), link, headers=list(headers)))
    if table.total and values:
        total = totals
    elif table.total:
        total = [Cell(0), Cell(0), Cell(0)]
    else:
        total = None
    return PresentedTable(table.key, table.title, [table.dimension, *headers], rows, total)


def drill_link(list_name: str, filters: dict, period: Period) -> str:
    """The list behind a figure of this period, with its filters applied."""
    if list_name == "complaints":
        query = {
            "received_from": period.first_day.isoformat(),
            "received_to": period.last_day.isoformat(),
            **filters,
        }
        return reverse("complaints:list") + "?" + urlencode(query)
    if list_name == "incidents":
        return reverse("incidents:list") + "?" + urlencode(filters)
    return ""


def _number(cell: Cell):
    return cell.value if not cell.hidden else None


def change_sentence(table: PresentedTable, noun: str) -> str:
    """What the chart shows, in a sentence: the row that changed most since the period before."""
    best = None
    for row in table.rows:
        now, before = row.cells[0], row.cells[1]
        if now.hidden or before.hidden or now.value is None or before.value is None:
            continue
        change = now.value - before.value
        if best is None or abs(change) > abs(best[1]):
            best = (row, change)
    if best is None or best[1] == 0:
        return _("%(noun)s in this period beside the period before: no figure changed.") % {"noun": noun}
    row, change = best
    words = {
        "label": row.label,
        "before": row.cells[1].value,
        "now": row.cells[0].value,
    }
    if change > 0:
        return _("%(label)s rose from %(before)s to %(now)s in this period.") % words
    return _("%(label)s fell from %(before)s to %(now)s in this period.") % words


def comparison_chart(table: PresentedTable, value_label: str, headers) -> Chart:
    chart = bar_chart(
        title=table.title,
        summary=change_sentence(table, value_label),
        categories=[row.label for row in table.rows],
        series={
            headers[0]: [_number(row.cells[0]) for row in table.rows],
            headers[1]: [_number(row.cells[1]) for row in table.rows],
        },
        value_label=value_label,
    )
    return replace(
        chart, table_rows=[[row.label, str(row.cells[0]), str(row.cells[1])] for row in table.rows]
    )


def trend_chart(periods: list[str], series: dict[str, list[int]], *, protected: bool) -> Chart:
    if protected:
        cells = {
            name: protect_table([[v] for v in values], column_totals=False)[0]
            for name, values in series.items()
        }
        shown = {name: [_number(row[0]) for row in rows] for name, rows in cells.items()}
    else:
        cells = {name: [[Cell(v)] for v in values] for name, values in series.items()}
        shown = series
    names = list(series)
    first = names[0]
    values = [v for v in shown[first] if v is not None]
    if len(values) >= 2:
        summary = _("%(name)s per month: %(first)s in the first month shown, %(last)s in the last.") % {
            "name": first,
            "first": str(cells[first][0][0]),
            "last": str(cells[first][-1][0]),
        }
    else:
        summary = _("Complaints and incidents per month.")
    chart = line_chart(
        title=_("Complaints and incidents per month"),
        summary=summary,
        periods=periods,
        series=shown,
        value_label=_("Records"),
    )
    rows = [[label, *[str(cells[name][index][0]) for name in names]] for index, label in enumerate(periods)]
    return replace(chart, table_rows=rows)


def weekday_hour_chart(grid: list[list[int]], protected: bool) -> Chart:
    days = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
    hours = [f"{hour:02d}" for hour in f.HOURS]
    if protected:
        cells = protect_table(grid, column_totals=False)[0]
        numbers = [[cell.value or 0 for cell in row] for row in cells]
    else:
        cells = [[Cell(value) for value in row] for row in grid]
        numbers = grid
    busiest = max(
        ((value, r, c) for r, row in enumerate(numbers) for c, value in enumerate(row)), default=(0, 0, 0)
    )
    if busiest[0]:
        summary = _(
            "Most incidents of the period happened on %(day)s between %(hour)s:00 and %(next)s:00."
        ) % {
            "day": days[busiest[1]],
            "hour": hours[busiest[2]],
            "next": f"{(busiest[2] + 1) % 24:02d}",
        }
    else:
        summary = _("No incident in this period.")
    chart = heat_map(
        title=_("Incidents by weekday and hour"),
        summary=summary,
        rows=days,
        columns=hours,
        values=numbers,
        value_label=_("Incidents"),
    )
    return replace(chart, table_rows=[[day, *[str(cell) for cell in cells[r]]] for r, day in enumerate(days)])


# Board reports
def board_reports_visible_to(*, user) -> QuerySet:
    reports = BoardReport.objects.filter(system_id=user.library_system_id)
    if not permissions.can_see_board_reports(user):
        return reports.none()
    if not permissions.can_manage_board_reports(user):
        reports = reports.filter(status=ReportStatus.APPROVED)
    return reports.order_by("-year", "-quarter", "-pk")


def board_report_get_for(*, user, pk: int) -> BoardReport:
    report = board_reports_visible_to(user=user).select_related("system", "approved_by").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def has_read(*, user, report: BoardReport) -> bool:
    return BoardReportReading.objects.filter(report=report, reader=user).exists()


def readings_of(*, report: BoardReport) -> QuerySet:
    return report.readings.select_related("reader").order_by("read_at")


def latest_approved_report(*, user) -> BoardReport | None:
    return (
        board_reports_visible_to(user=user)
        .filter(status=ReportStatus.APPROVED)
        .order_by("-approved_at")
        .first()
    )


def published_annual_reports(*, system) -> QuerySet:
    return BoardReport.objects.filter(system=system, published_at__isnull=False).order_by("-year")


def published_annual_report(*, system, year: int) -> BoardReport:
    report = published_annual_reports(system=system).filter(year=year).first()
    if report is None:
        raise Http404
    return report
