"""Reads of rules, exclusions and appeals, scoped to the reader's system and branches.

The board of current exclusions shows only what is needed to enforce them: who (name or description, photo),
where, and until when. Narratives and histories stay with those who handle exclusions.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from patroncare.accounts.permissions import branch_ids_for
from patroncare.libraries.calendar import today_in
from patroncare.libraries.models import LibrarySystem
from patroncare.retention.models import RetentionRule
from patroncare.rulebook.models import AppealSettings, IssueLimit, LadderStep, Rule
from patroncare.rulebook.selectors import appeal_settings_for

from .models import Appeal, Exclusion, Hearing, Letter, LetterKind, LiftRequest, ReviewRecord
from .permissions import BOARD_ROLES, EXCLUSION_ROLES, may_approve_deviation, may_decide
from .state import ExclusionState, exclusion_state, is_enforced, needs_approval, state_condition


def _with_open_appeal(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        has_open_appeal=Exists(Appeal.objects.filter(exclusion=OuterRef("pk"), decision=""))
    )


def _candidates_today(queryset: QuerySet, today: date) -> QuerySet:
    """Exclusions that may be in force today (dates only; the rest of the state is worked out in Python)."""
    return queryset.filter(rescinded_at__isnull=True, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def exclusions_in_force(*, system, branch, people) -> list[Exclusion]:
    """Exclusions that keep these people out of `branch` today."""
    today = today_in(system)
    candidates = _with_open_appeal(
        _candidates_today(Exclusion.objects.filter(system=system, person__in=people), today)
    ).filter(Q(branch__isnull=True) | Q(branch=branch))
    return [
        e
        for e in candidates
        if is_enforced(
            state := exclusion_state(e, today=today, open_appeal=e.has_open_appeal),
            stays_in_force=_stays_in_force(system, state),
        )
    ]


def board_for(*, user) -> list[Exclusion]:
    """Who is excluded now from the branches where the user works (system-wide exclusions included)."""
    system = user.library_system
    today = today_in(system)
    queryset = Exclusion.objects.filter(system=system)
    branch_ids = branch_ids_for(user, BOARD_ROLES)
    if branch_ids is not None:
        queryset = queryset.filter(Q(branch__isnull=True) | Q(branch_id__in=branch_ids))
    queryset = (
        _with_open_appeal(_candidates_today(queryset, today))
        .select_related("person", "branch")
        .order_by("end_date", "pk")
    )
    board = []
    for exclusion in queryset:
        exclusion.state = exclusion_state(exclusion, today=today, open_appeal=exclusion.has_open_appeal)
        if is_enforced(exclusion.state, stays_in_force=_stays_in_force(system, exclusion.state)):
            board.append(exclusion)
    return board


def _stays_in_force(system, state: str) -> bool:
    """The appeal rule matters only for an exclusion under appeal; read it only then."""
    return state != ExclusionState.UNDER_APPEAL or appeal_settings_for(system).stays_in_force


def exclusions_visible_to(*, user) -> QuerySet:
    """Exclusions for those who handle them: at their branches, or system-wide ones arising there."""
    queryset = Exclusion.objects.filter(system_id=user.library_system_id)
    if not user.library_system_id:
        return Exclusion.objects.none()
    branch_ids = branch_ids_for(user, EXCLUSION_ROLES)
    if branch_ids is None:
        return queryset
    arising_here = Exclusion.objects.filter(incidents__branch_id__in=branch_ids).values("pk")
    return queryset.filter(Q(branch_id__in=branch_ids) | Q(branch__isnull=True, pk__in=arising_here))


def exclusion_list(*, user, state: str = "") -> QuerySet:
    """Every exclusion the user handles in `state` (all when empty), most recent first.

    The state is filtered in the database, so that a long list is paged after filtering and an old
    exclusion still in force is listed under "Active". Each row is given its `state` by `with_states`.
    """
    queryset = _with_open_appeal(exclusions_visible_to(user=user)).select_related(
        "person", "branch", "issued_by"
    )
    if state:
        queryset = queryset.filter(state_condition(state, today=today_in(user.library_system)))
    return queryset.order_by("-start_date", "-pk")


def with_states(exclusions, *, system) -> list[Exclusion]:
    """The rows of one page of `exclusion_list`, each with its state for today."""
    today = today_in(system)
    rows = list(exclusions)
    for exclusion in rows:
        exclusion.state = exclusion_state(exclusion, today=today, open_appeal=exclusion.has_open_appeal)
    return rows


def exclusion_get_for(*, user, pk: int) -> Exclusion:
    exclusion = (
        _with_open_appeal(exclusions_visible_to(user=user))
        .filter(pk=pk)
        .select_related("person", "branch", "issued_by", "deviation_approved_by", "system")
        .prefetch_related(
            "rules",
            "incidents__branch",
            "deliveries",
            Prefetch("appeals", queryset=Appeal.objects.select_related("decided_by", "recorded_by")),
            Prefetch(
                "lift_requests", queryset=LiftRequest.objects.select_related("decided_by", "recorded_by")
            ),
        )
        .first()
    )
    if exclusion is None:
        raise Http404
    exclusion.state = exclusion_state(
        exclusion, today=today_in(exclusion.system), open_appeal=exclusion.has_open_appeal
    )
    return exclusion


def appeal_get_for(*, user, exclusion: Exclusion, pk: int) -> Appeal:
    appeal = next((a for a in exclusion.appeals.all() if a.pk == pk), None)
    if appeal is None:
        raise Http404
    return appeal


def decisions_awaiting(*, user) -> tuple[list[Appeal], list[Exclusion], list[LiftRequest]]:
    """Open appeals and requests to lift this user decides, and deviations this user may approve, read in
    one query.

    The appeals and requests are unsaved stand-ins carrying what the desk shows (their id and when they were
    received).
    """
    open_appeals = Appeal.objects.filter(exclusion=OuterRef("pk"), decision="")
    open_lifts = LiftRequest.objects.filter(exclusion=OuterRef("pk"), decision="")
    exclusions = (
        Exclusion.objects.filter(system_id=user.library_system_id)
        .annotate(
            open_appeal_id=Subquery(open_appeals.values("pk")[:1]),
            open_appeal_received=Subquery(open_appeals.values("received_at")[:1]),
            open_lift_id=Subquery(open_lifts.values("pk")[:1]),
            open_lift_received=Subquery(open_lifts.values("received_at")[:1]),
        )
        .filter(
            Q(open_appeal_id__isnull=False)
            | Q(open_lift_id__isnull=False)
            | (
                Q(deviation_approved_at__isnull=True, rescinded_at__isnull=True)
                & ~Q(deviation_reason="")
                & ~Q(issued_by=user)
            )
        )
        .select_related("person", "system", "branch")
    )
    appeals, deviations, lifts = [], [], []
    for exclusion in exclusions:
        if exclusion.open_lift_id:
            lifts.append(
                LiftRequest(
                    pk=exclusion.open_lift_id, exclusion=exclusion, received_at=exclusion.open_lift_received
                )
            )
        if exclusion.open_appeal_id:
            appeals.append(
                Appeal(
                    pk=exclusion.open_appeal_id,
                    exclusion=exclusion,
                    received_at=exclusion.open_appeal_received,
                )
            )
        # An appeal or a request to lift does not approve a deviation: both wait, each on its own line.
        # The query also brings exclusions only for their open appeal or request to lift.
        if (
            needs_approval(exclusion)
            and exclusion.rescinded_at is None
            and may_approve_deviation(user, exclusion)
        ):
            deviations.append(exclusion)
    if appeals or lifts:
        settings = appeal_settings_for(user.library_system)
        appeals = [appeal for appeal in appeals if may_decide(user, appeal, settings=settings)]
        lifts = [lift for lift in lifts if may_decide(user, lift, settings=settings)]
    return appeals, deviations, lifts


def appeals_awaiting(*, user) -> list[Appeal]:
    appeals = Appeal.objects.filter(decision="", exclusion__system_id=user.library_system_id).select_related(
        "exclusion", "exclusion__person", "exclusion__system", "exclusion__branch"
    )
    appeals = list(appeals)
    if not appeals:
        return []
    settings = appeal_settings_for(user.library_system)
    return [appeal for appeal in appeals if may_decide(user, appeal, settings=settings)]


def period_review(*, user, start: date, end: date) -> dict:
    """The period's exclusions by outcome and length, rule and branch, and every deviation from the ladder."""
    exclusions = Exclusion.objects.filter(system_id=user.library_system_id, start_date__range=(start, end))
    by_outcome = exclusions.values("outcome").annotate(n=Count("id")).order_by("outcome")
    by_rule = (
        exclusions.values("rules__code", "rules__title")
        .annotate(n=Count("id", distinct=True))
        .order_by("rules__code")
    )
    by_branch = exclusions.values("branch__name").annotate(n=Count("id")).order_by("branch__name")
    lengths = {"1": 0, "2-30": 0, "31-180": 0, "181+": 0, "open": 0}
    for start_date, end_date in exclusions.values_list("start_date", "end_date"):
        if end_date is None:
            lengths["open"] += 1
            continue
        days = (end_date - start_date).days + 1
        key = "1" if days == 1 else "2-30" if days <= 30 else "31-180" if days <= 180 else "181+"
        lengths[key] += 1
    deviations = (
        exclusions.exclude(deviation_reason="")
        .select_related("person", "branch", "issued_by", "deviation_approved_by")
        .order_by("start_date")
    )
    labels = {
        "1": _("1 day"),
        "2-30": _("2 to 30 days"),
        "31-180": _("31 to 180 days"),
        "181+": _("More than 180 days"),
        "open": _("Permanent or pending review"),
    }
    return {
        "by_outcome": list(by_outcome),
        "by_rule": list(by_rule),
        "by_branch": list(by_branch),
        "lengths": [(labels[key], n) for key, n in lengths.items()],
        "deviations": list(deviations),
        "total": exclusions.count(),
    }


STATE_CHOICES = ExclusionState.choices


def lift_request_get_for(*, user, exclusion: Exclusion, pk: int) -> LiftRequest:
    """A request to lift `exclusion` (read through `exclusion_get_for`, so already scoped to the user)."""
    lift_request = next((r for r in exclusion.lift_requests.all() if r.pk == pk), None)
    if lift_request is None:
        raise Http404
    lift_request.exclusion = exclusion
    return lift_request


def lift_request_counts(*, user, start: date, end: date) -> dict:
    """Requests to lift received in the period, and those granted and refused in it (local dates)."""
    from .state import end_of_local_day

    system = user.library_system
    first = datetime.combine(start, time.min, tzinfo=system.zone)
    last = end_of_local_day(system, end)
    requests = LiftRequest.objects.filter(exclusion__system_id=system.pk)
    return requests.aggregate(
        received=Count("id", filter=Q(received_at__range=(first, last))),
        granted=Count("id", filter=Q(decision="granted", decided_at__range=(first, last))),
        refused=Count("id", filter=Q(decision="refused", decided_at__range=(first, last))),
    )


def review_records_of(*, user, limit: int = 12) -> list:
    """The latest periodic reviews recorded for the reader's system."""
    return list(ReviewRecord.objects.filter(system_id=user.library_system_id)[:limit])


def letters_of(exclusion: Exclusion) -> list:
    """The letters issued for the exclusion, as they were stored, oldest first."""
    return list(
        Letter.objects.filter(exclusion=exclusion)
        .select_related("issued_by", "supersedes")
        .order_by("issued_at", "id")
    )


@dataclass(frozen=True)
class RulebookGaps:
    no_rules: bool
    no_ladder: bool
    no_limits: bool
    appeal_rules_unsaved: bool  # never saved by an administrator: no row, or the row as first created
    no_retention: bool


def rulebook_gaps_of(*, system_id: int) -> RulebookGaps:
    """What a system has not set yet among its rules, ladder, limits, appeal rules and retention, in one
    query."""
    of_system = {"system_id": OuterRef("pk")}
    row = (
        LibrarySystem.objects.filter(pk=system_id)
        .annotate(
            has_rules=Exists(Rule.objects.filter(**of_system)),
            has_ladder=Exists(LadderStep.objects.filter(**of_system)),
            has_limits=Exists(IssueLimit.objects.filter(**of_system)),
            appeal_rules_saved=Exists(AppealSettings.objects.filter(**of_system, version__gt=1)),
            has_retention=Exists(RetentionRule.objects.filter(**of_system)),
        )
        .values("has_rules", "has_ladder", "has_limits", "appeal_rules_saved", "has_retention")
        .first()
    )
    if row is None:
        return RulebookGaps(False, False, False, False, False)
    return RulebookGaps(
        no_rules=not row["has_rules"],
        no_ladder=not row["has_ladder"],
        no_limits=not row["has_limits"],
        appeal_rules_unsaved=not row["appeal_rules_saved"],
        no_retention=not row["has_retention"],
    )


def hearing_of(appeal: Appeal) -> Hearing | None:
    """The hearing of an appeal already read through `appeal_get_for`, its panel with it; the appeal keeps
    it, so its deadlines ask nothing more."""
    hearing = Hearing.objects.filter(appeal=appeal).prefetch_related("panel_members").first()
    Appeal.hearing.related.set_cached_value(appeal, hearing)
    if hearing is not None:
        Hearing.appeal.field.set_cached_value(hearing, appeal)
    return hearing


def attach_hearings(appeals: list[Appeal]) -> None:
    """Give each appeal its hearing (or none), read in one query, so its deadlines ask nothing more."""
    if not appeals:
        return
    hearings = {hearing.appeal_id: hearing for hearing in Hearing.objects.filter(appeal__in=appeals)}
    for appeal in appeals:
        hearing = hearings.get(appeal.pk)
        Appeal.hearing.related.set_cached_value(appeal, hearing)
        if hearing is not None:
            Hearing.appeal.field.set_cached_value(hearing, appeal)


def issued_letter(*, exclusion: Exclusion, kind: str, language: str, appeal=None, lift_request=None):
    """The letter as sent in `language`, or None while it has not been issued.

    A hearing invitation counts only if it was issued after the hearing was last scheduled: a moved hearing
    needs a new one.
    """
    letters = Letter.objects.filter(
        exclusion=exclusion, kind=kind, language=language, appeal=appeal, lift_request=lift_request
    )
    if kind == LetterKind.HEARING_INVITATION:
        latest = letters.order_by("-issued_at", "-id").first()
        if latest is not None and latest.issued_at >= appeal.hearing.scheduled_recorded_at:
            return latest
        return None
    return letters.order_by("issued_at", "id").first()
