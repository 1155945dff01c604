"""What the library changed and how it looked after its staff: policy reviews, public statements,
exceptions to policies, debriefs and check-ins, and practice assigned to staff.

Like `figures`, every table is computed by the database with filtered aggregates per period (a median takes
two queries per period, whatever the data), and only counts leave: no text of a review, an exception, a
debrief or a check-in, and no person.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from patroncare.complaints.models import PublicStatement, StatementStatus
from patroncare.core.languages import shown_in_row, version_columns
from patroncare.incidents.models import CheckIn, Debrief, Incident
from patroncare.libraries.calendar import today_in
from patroncare.policies.models import EntryKind, ExceptionEntry, PolicyReview, ReviewOutcome
from patroncare.training.models import Assignment, Play

from .figures import Row, Scope, Table, _any, _branches, _ranges
from .periods import Period


def learning_tables(scope: Scope, periods: list[Period]) -> list[Table]:
    tables = [_policy_reviews(scope, periods), _statements(scope, periods), _exceptions(scope, periods)]
    tables.append(_staff_care(scope, periods))
    if scope.branch_ids is None:
        # Practice is assigned to people, not to branches: counted for the whole system only.
        tables.append(_training(scope, periods))
    return tables


def _day_ranges(periods: list[Period], field_name: str) -> list[Q]:
    return [Q(**{f"{field_name}__range": (period.first_day, period.last_day)}) for period in periods]


def _totals(queryset, measures: dict[str, Q], ranges: list[Q]) -> dict:
    aggregates = {
        f"{name}_{i}": Count("id", filter=condition & one)
        for name, condition in measures.items()
        for i, one in enumerate(ranges)
    }
    return queryset.filter(_any(ranges)).aggregate(**aggregates)


def _values(totals: dict, name: str, count: int) -> list[int]:
    return [totals[f"{name}_{i}"] for i in range(count)]


def _policy_reviews(scope: Scope, periods: list[Period]) -> Table:
    """Reviews opened in the period, and those decided in it by what they changed. Policies belong to the
    whole system, so a branch's dashboard shows the system's reviews."""
    reviews = PolicyReview.objects.filter(policy__system=scope.system)
    opened_ranges = _ranges(scope, periods, "opened_at")
    decided_ranges = _ranges(scope, periods, "decided_at")
    aggregates = {f"opened_{i}": Count("id", filter=one) for i, one in enumerate(opened_ranges)}
    for outcome in ReviewOutcome.values:
        for i, one in enumerate(decided_ranges):
            aggregates[f"{outcome}_{i}"] = Count("id", filter=one & Q(outcome=outcome))
    totals = reviews.filter(_any(opened_ranges) | _any(decided_ranges)).aggregate(**aggregates)
    count = len(periods)
    rows = [Row(_("Policy reviews opened"), _values(totals, "opened", count))]
    rows += [
        Row(_("Decided: %(outcome)s") % {"outcome": label}, _values(totals, value, count))
        for value, label in ReviewOutcome.choices
    ]
    return Table("policy-reviews", _("Policy reviews and what they changed"), _("Measure"), rows, total=False)


def _statements(scope: Scope, periods: list[Period]) -> Table:
    """Public statements published in the period, and the median days from the complaint to publication."""
    published = PublicStatement.objects.filter(system=scope.system, status=StatementStatus.PUBLISHED)
    if scope.branch_ids is not None:
        published = published.filter(complaint__branch_id__in=scope.branch_ids)
    ranges = _ranges(scope, periods, "published_at")
    totals = _totals(published, {"published": Q()}, ranges)
    waited = ExpressionWrapper(F("published_at") - F("complaint__received_at"), output_field=DurationField())
    counts = _values(totals, "published", len(periods))
    medians = [
        _median_days(published.filter(one), waited, cases) for one, cases in zip(ranges, counts, strict=True)
    ]
    rows = [
        Row(_("Public statements published"), counts),
        Row(_("Median days from the complaint to publication"), medians, measure=True),
    ]
    return Table("statements", _("Public statements"), _("Measure"), rows, total=False)


def _median_days(queryset, duration, cases: int) -> tuple[float | None, int]:
    """(median in days with one decimal, `cases`): one query for the one or two middle values."""
    low, high = (cases - 1) // 2, cases // 2
    middle = list(
        queryset.annotate(waited=duration)
        .order_by("waited")
        .values_list("waited", flat=True)[max(low, 0) : max(high, 0) + 1]
    )
    if not cases or not middle:
        return None, cases
    average = sum(middle, timedelta()) / len(middle)
    return round(average.total_seconds() / 86400, 1), cases


def _exceptions(scope: Scope, periods: list[Period]) -> Table:
    """Exceptions granted at the desk, by policy, by the day they were made."""
    entries = _branches(ExceptionEntry.objects.filter(kind=EntryKind.EXCEPTION), scope)
    ranges = _day_ranges(periods, "occurred_on")
    aggregates = {f"p{i}": Count("id", filter=one) for i, one in enumerate(ranges)}
    grouped = (
        entries.filter(_any(ranges))
        .values("policy_id", *version_columns("policy__title"))
        .annotate(**aggregates)
        .order_by("policy__title", "policy_id")
    )
    rows = [
        Row(shown_in_row(row, "policy__title")[0], [row[f"p{i}"] for i in range(len(ranges))])
        for row in grouped
    ]
    return Table("policy-exceptions", _("Exceptions to policies, by policy"), _("Policy"), rows)


def _staff_care(scope: Scope, periods: list[Period]) -> Table:
    """Debriefs and check-ins that fell due in the period, and how many were held or answered by their day.

    Counts only: never what was said, and never who.
    """
    ranges = _day_ranges(periods, "due_on")
    debriefs = Debrief.objects.filter(incident__in=_branches(Incident.objects.all(), scope))
    debrief_totals = _totals(
        debriefs,
        {"due": Q(), "on_time": Q(held_on__isnull=False, held_on__lte=F("due_on"))},
        ranges,
    )
    # The day it was answered, in the library's time zone: 22:00 on the due day in Chicago is on time.
    check_ins = CheckIn.objects.filter(incident__in=_branches(Incident.objects.all(), scope)).annotate(
        answered_on=TruncDate("answered_at", tzinfo=ZoneInfo(scope.zone))
    )
    check_in_totals = _totals(
        check_ins,
        {"due": Q(), "on_time": Q(answered_at__isnull=False, answered_on__lte=F("due_on"))},
        ranges,
    )
    count = len(periods)

    def pairs(totals):
        return list(zip(_values(totals, "on_time", count), _values(totals, "due", count), strict=True))

    rows = [
        Row(_("Debriefs due"), _values(debrief_totals, "due", count)),
        Row(_("Debriefs held by their day"), _values(debrief_totals, "on_time", count)),
        Row(_("Share of debriefs held on time (%)"), pairs(debrief_totals), share=True),
        Row(_("Check-ins due"), _values(check_in_totals, "due", count)),
        Row(_("Check-ins answered by their day"), _values(check_in_totals, "on_time", count)),
        Row(_("Share of check-ins answered on time (%)"), pairs(check_in_totals), share=True),
    ]
    return Table("staff-care", _("Debriefs and check-ins after incidents"), _("Measure"), rows, total=False)


def _training(scope: Scope, periods: list[Period]) -> Table:
    """Practice assigned with a due date in the period: done (the scenario finished after it was assigned,
    in any version), and overdue (not done and its due date has passed)."""
    finished = Play.objects.filter(
        user=OuterRef("assignee"),
        version__scenario=OuterRef("scenario"),
        finished_at__isnull=False,
        finished_at__gte=OuterRef("assigned_at"),
    )
    assignments = Assignment.objects.filter(system=scope.system).annotate(done=Exists(finished))
    ranges = _day_ranges(periods, "due_date")
    today = today_in(scope.system)
    measures = {"assigned": Q(), "done": Q(done=True), "overdue": Q(done=False, due_date__lt=today)}
    totals = _totals(assignments, measures, ranges)
    count = len(periods)
    done = _values(totals, "done", count)
    assigned = _values(totals, "assigned", count)
    rows = [
        Row(_("Practice assignments due"), assigned),
        Row(_("Done"), done),
        Row(_("Overdue"), _values(totals, "overdue", count)),
        Row(_("Share done (%)"), list(zip(done, assigned, strict=True)), share=True),
    ]
    return Table("training-coverage", _("Practice assigned to staff"), _("Measure"), rows, total=False)
