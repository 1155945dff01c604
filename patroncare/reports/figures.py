"""Every figure of the dashboards and the board report, computed by the database.

Each table is one GROUP BY query whose three columns are filtered aggregates (the period, the one before, the
same period last year), so a dashboard makes the same number of queries whatever the data. Nothing here reads
a narrative, a name or a reference: only counts leave these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from patroncare.complaints.models import Complaint
from patroncare.complaints.models.choices import Channel, Judgement, Kind, Outcome, Satisfaction, Severity
from patroncare.conduct.models import Appeal, AppealDecision, Exclusion
from patroncare.core.languages import shown_in_row, version_columns
from patroncare.incidents.models import ActionKind, Behaviour, Incident, IncidentBehaviour, Level, StaffAction
from patroncare.rulebook.models import Outcome as ExclusionOutcome

from .periods import Period


@dataclass
class Row:
    label: str
    values: list  # [this period, the period before, the same period last year]
    drill: dict = field(default_factory=dict)  # the list filters behind the figure
    share: bool = False  # the values are (part, whole) pairs shown as a percentage
    measure: bool = False  # the values are (value, cases) pairs: a median or the like, not a count


@dataclass
class Table:
    key: str
    title: str
    dimension: str
    rows: list[Row]
    total: bool = True  # the rows are parts of a whole: a total row adds them up
    drill_list: str = ""  # "complaints" | "incidents" | "" (no list behind it)


@dataclass
class Scope:
    """Whose records: a library system, some of its branches (None = all), and which complaints may count."""

    system: object
    branch_ids: list[int] | None = None
    complaint_condition: Q = field(default_factory=Q)
    branches: list = field(default_factory=list)  # the branches shown, by name (read once)

    @property
    def zone(self) -> str:
        return self.system.time_zone


def _ranges(scope: Scope, periods: list[Period], field_name: str) -> list[Q]:
    ranges = []
    for period in periods:
        start, end = period.bounds(scope.zone)
        ranges.append(Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end}))
    return ranges


def _any(ranges: list[Q]) -> Q:
    condition = Q(pk__in=[])
    for one in ranges:
        condition |= one
    return condition


def _branches(queryset, scope: Scope):
    queryset = queryset.filter(system=scope.system)
    if scope.branch_ids is not None:
        queryset = queryset.filter(branch_id__in=scope.branch_ids)
    return queryset


def complaints_base(scope: Scope):
    return _branches(Complaint.objects.all(), scope).filter(
        scope.complaint_condition, kind=Kind.COMPLAINT, merged_into__isnull=True
    )


def _grouped(queryset, field_name: str, ranges: list[Q], *, count="id") -> dict:
    aggregates = {f"p{index}": Count(count, filter=one, distinct=True) for index, one in enumerate(ranges)}
    rows = queryset.filter(_any(ranges)).values(field_name).annotate(**aggregates).order_by()
    return {row[field_name]: [row[f"p{index}"] for index in range(len(ranges))] for row in rows}


def _choice_rows(counts: dict, choices, drill_key: str) -> list[Row]:
    """One row per choice in the order the choices are declared (severity minor to critical, never A to Z)."""
    zero = [0, 0, 0]
    return [
        Row(str(label), counts.get(value, zero), {drill_key: value})
        for value, label in choices.choices
        if value in counts
    ]


def _branch_rows(scope: Scope, counts: dict) -> list[Row]:
    branches = scope.branches or list(scope.system.branches.order_by("name"))
    return [
        Row(branch.name, counts[branch.pk], {"branch": branch.pk})
        for branch in branches
        if branch.pk in counts
    ]


def complaint_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    base = complaints_base(scope)
    ranges = _ranges(scope, periods, "received_at")
    by_category = base.filter(_any(ranges)).values("category_id", *version_columns("category__name"))
    by_category = by_category.annotate(
        **{f"p{i}": Count("id", filter=one) for i, one in enumerate(ranges)}
    ).order_by("category__name")
    category_rows = [
        Row(
            shown_in_row(row, "category__name")[0] or _("Not yet categorised"),
            [row["p0"], row["p1"], row["p2"]],
            {"category": row["category_id"]} if row["category_id"] else {},
        )
        for row in by_category
    ]
    tables = [
        Table(
            "complaints-category",
            _("Complaints by category"),
            _("Category"),
            category_rows,
            drill_list="complaints",
        ),
        Table(
            "complaints-severity",
            _("Complaints by severity"),
            _("Severity"),
            _choice_rows(_grouped(base.exclude(severity=""), "severity", ranges), Severity, "severity"),
            drill_list="complaints",
        ),
        Table(
            "complaints-channel",
            _("Complaints by how they came in"),
            _("Received by"),
            _choice_rows(_grouped(base, "channel", ranges), Channel, "channel"),
        ),
        Table(
            "complaints-branch",
            _("Complaints by branch"),
            _("Branch"),
            _branch_rows(scope, _grouped(base.exclude(branch=None), "branch_id", ranges)),
            drill_list="complaints",
        ),
    ]
    tables.append(_complaint_measures(base, ranges))
    return tables


def _complaint_measures(base, ranges: list[Q]) -> Table:
    """Deadlines kept, reviews, outcomes and judgements: one query, filtered aggregates per period.

    "On time" compares with the deadline stored on the case, which intake counted in working days (opening
    days, holidays and branch closures) and an extension moved; a case counts once its deadline has passed
    or it was done, so cases still inside their time do not lower the share.
    """
    from django.utils import timezone

    now = timezone.now()
    measures = {
        "received": Q(),
        "ack_due": Q(acknowledge_due_at__isnull=False)
        & (Q(acknowledge_due_at__lt=now) | Q(acknowledged_at__isnull=False)),
        "ack_on_time": Q(acknowledged_at__isnull=False, acknowledged_at__lte=F("acknowledge_due_at")),
        "respond_due": Q(respond_due_at__isnull=False)
        & (Q(respond_due_at__lt=now) | Q(responded_at__isnull=False)),
        "respond_on_time": Q(responded_at__isnull=False, responded_at__lte=F("respond_due_at")),
        "review": Q(review_requested_at__isnull=False),
        "upheld": Q(outcome__in=[Outcome.UPHELD, Outcome.PARTLY_UPHELD]),
        "one_off": Q(judgement=Judgement.ONE_OFF),
        "systemic": Q(judgement=Judgement.SYSTEMIC),
        "satisfied": Q(satisfaction=Satisfaction.SATISFIED),
        "partly": Q(satisfaction=Satisfaction.PARTLY),
        "not_satisfied": Q(satisfaction=Satisfaction.NOT_SATISFIED),
    }
    aggregates = {
        f"{name}_{i}": Count("id", filter=condition & one)
        for name, condition in measures.items()
        for i, one in enumerate(ranges)
    }
    totals = base.filter(_any(ranges)).aggregate(**aggregates)

    def values(name):
        return [totals[f"{name}_{i}"] for i in range(len(ranges))]

    def shares(part, whole):
        return [(p, w) for p, w in zip(values(part), values(whole), strict=True)]

    rows = [
        Row(_("Complaints received"), values("received")),
        Row(_("Acknowledged on time"), values("ack_on_time")),
        Row(_("Acknowledgement deadline reached"), values("ack_due")),
        Row(_("Share acknowledged on time (%)"), shares("ack_on_time", "ack_due"), share=True),
        Row(_("Answered on time"), values("respond_on_time")),
        Row(_("Response deadline reached"), values("respond_due")),
        Row(_("Share answered on time (%)"), shares("respond_on_time", "respond_due"), share=True),
        Row(_("Reviews requested"), values("review")),
        Row(_("Upheld or partly upheld"), values("upheld")),
        Row(_("Judged a one-off"), values("one_off")),
        Row(_("Judged systemic"), values("systemic")),
        Row(_("Satisfied"), values("satisfied")),
        Row(_("Partly satisfied"), values("partly")),
        Row(_("Not satisfied"), values("not_satisfied")),
    ]
    return Table(
        "complaints-measures",
        _("Complaints: deadlines, reviews and outcomes"),
        _("Measure"),
        rows,
        total=False,
    )


def incidents_base(scope: Scope):
    return _branches(Incident.objects.all(), scope)


def incident_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    base = incidents_base(scope)
    ranges = _ranges(scope, periods, "occurred_at")
    behaviour_ranges = _ranges(scope, periods, "incident__occurred_at")
    behaviours = IncidentBehaviour.objects.filter(incident__in=base)
    behaviour_counts = _grouped(behaviours, "behaviour", behaviour_ranges, count="incident_id")
    police = StaffAction.objects.filter(incident=OuterRef("pk"), kind=ActionKind.POLICE)
    ems = StaffAction.objects.filter(incident=OuterRef("pk"), kind=ActionKind.EMS)
    measured = base.annotate(police=Exists(police), ems=Exists(ems))
    aggregates = {}
    for i, one in enumerate(ranges):
        aggregates[f"all_{i}"] = Count("id", filter=one)
        aggregates[f"police_{i}"] = Count("id", filter=one & Q(police=True))
        aggregates[f"ems_{i}"] = Count("id", filter=one & Q(ems=True))
        aggregates[f"injuries_{i}"] = Count("id", filter=one & ~Q(injuries=""))
    totals = measured.filter(_any(ranges)).aggregate(**aggregates)

    def values(name):
        return [totals[f"{name}_{i}"] for i in range(len(ranges))]

    return [
        Table(
            "incidents-level",
            _("Incidents by level on the continuum"),
            _("Level"),
            _choice_rows(_grouped(base, "level", ranges), Level, "level"),
            drill_list="incidents",
        ),
        Table(
            "incidents-behaviour",
            _("Incidents by behaviour"),
            _("Behaviour"),
            _choice_rows(behaviour_counts, Behaviour, "behaviour"),
            # One incident can show several behaviours: these rows do not add up to the incidents.
            total=False,
            drill_list="incidents",
        ),
        Table(
            "incidents-branch",
            _("Incidents by branch"),
            _("Branch"),
            _branch_rows(scope, _grouped(base, "branch_id", ranges)),
            drill_list="incidents",
        ),
        Table(
            "incidents-measures",
            _("Incidents: calls for help and injuries"),
            _("Measure"),
            [
                Row(_("Incidents"), values("all")),
                Row(_("Police called"), values("police")),
                Row(_("Emergency medical services called"), values("ems")),
                Row(_("Someone was injured"), values("injuries")),
            ],
            total=False,
        ),
    ]


WEEKDAYS = range(1, 8)  # ISO: Monday is 1
HOURS = range(24)


def incident_heat_map(scope: Scope, period: Period) -> list[list[int]]:
    """Incidents of the period by local weekday (rows, Monday first) and hour (columns)."""
    zone = ZoneInfo(scope.zone)
    start, end = period.bounds(scope.zone)
    rows = (
        incidents_base(scope)
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .annotate(
            weekday=ExtractIsoWeekDay("occurred_at", tzinfo=zone),
            hour=ExtractHour("occurred_at", tzinfo=zone),
        )
        .values("weekday", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    grid = [[0 for _hour in HOURS] for _day in WEEKDAYS]
    for row in rows:
        grid[row["weekday"] - 1][row["hour"]] = row["n"]
    return grid


def exclusion_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    base = _branches(Exclusion.objects.all(), scope)
    ranges = _ranges(scope, periods, "issued_at")
    appeal_ranges = _ranges(scope, periods, "exclusion__issued_at")
    appeals = Appeal.objects.filter(exclusion__in=base)
    decisions = _grouped(appeals.exclude(decision=""), "decision", appeal_ranges, count="exclusion_id")
    in_force = []
    for period in periods:
        day = period.last_day
        in_force.append(
            Count(
                "id",
                filter=Q(start_date__lte=day, rescinded_at__isnull=True)
                & (Q(end_date__isnull=True) | Q(end_date__gte=day)),
            )
        )
    aggregates = {f"in_force_{i}": one for i, one in enumerate(in_force)}
    has_appeal = Exists(Appeal.objects.filter(exclusion=OuterRef("pk")))
    for i, one in enumerate(ranges):
        aggregates[f"issued_{i}"] = Count("id", filter=one)
        aggregates[f"appealed_{i}"] = Count("id", filter=one & Q(appealed=True))
        aggregates[f"deviation_{i}"] = Count(
            "id", filter=one & ~Q(recommended_outcome="") & ~Q(recommended_outcome=F("outcome"))
        )
    totals = base.annotate(appealed=has_appeal).aggregate(**aggregates)

    def values(name):
        return [totals[f"{name}_{i}"] for i in range(len(ranges))]

    return [
        Table(
            "exclusions-outcome",
            _("Exclusions issued, by consequence"),
            _("Consequence"),
            _choice_rows(_grouped(base, "outcome", ranges), ExclusionOutcome, "outcome"),
        ),
        Table(
            "exclusions-measures",
            _("Exclusions: in force, appeals and deviations from the ladder"),
            _("Measure"),
            [
                Row(_("Issued"), values("issued")),
                Row(_("In force on the last day"), values("in_force")),
                Row(_("Appealed"), values("appealed")),
                Row(_("Another consequence than the ladder's"), values("deviation")),
            ],
            total=False,
        ),
        Table(
            "exclusions-appeals",
            _("Appeal decisions"),
            _("Decision"),
            _choice_rows(decisions, AppealDecision, "decision"),
        ),
    ]


def monthly_trend(scope: Scope, period: Period) -> tuple[list[str], dict[str, list[int]]]:
    """Complaints and incidents per local calendar month of the period (a month shows at least twelve)."""
    zone = ZoneInfo(scope.zone)
    months = period.months()
    if len(months) < 12:
        from .periods import month as month_period

        first = months[-1]
        index = first.year * 12 + first.month - 1 - 11
        months = [month_period((index + k) // 12, (index + k) % 12 + 1).first_day for k in range(12)]
    start = Period("custom", months[0], period.last_day).bounds(scope.zone)[0]
    end = period.bounds(scope.zone)[1]

    def per_month(queryset, field_name):
        rows = (
            queryset.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
            .annotate(month=TruncMonth(field_name, tzinfo=zone))
            .values("month")
            .annotate(n=Count("id"))
            .order_by()
        )
        found = {
            row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"] for row in rows
        }
        return [found.get(day, 0) for day in months]

    labels = [date_format(day, "YEAR_MONTH_FORMAT") for day in months]
    return labels, {
        _("Complaints"): per_month(complaints_base(scope), "received_at"),
        _("Incidents"): per_month(incidents_base(scope), "occurred_at"),
    }
