"""The consequence ladder: a library's published table turned into a recommendation with its reason.

Pure functions over ladder rows and dates, so the same behaviour and history lead to the same recommendation
wherever it happens, and the table can be tested row by row.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .models import BehaviourClass, Counting, LadderStep, Outcome


@dataclass(frozen=True)
class Recommendation:
    outcome: str
    min_days: int | None
    max_days: int | None
    lift_request_after_days: int | None
    offence_number: int
    lookback_days: int
    explanation: str
    step: LadderStep | None

    def allows(self, *, outcome: str, days: int | None) -> bool:
        """True when the chosen consequence is what the table says (a length inside its range)."""
        if outcome != self.outcome:
            return False
        if outcome == Outcome.SUSPENSION and self.min_days is not None:
            return days is not None and self.min_days <= days <= (self.max_days or self.min_days)
        return True


def ordinal(n: int) -> str:
    words = {
        1: pgettext("violation", "first"),
        2: pgettext("violation", "second"),
        3: pgettext("violation", "third"),
        4: pgettext("violation", "fourth"),
        5: pgettext("violation", "fifth"),
    }
    return words.get(n, pgettext("violation", "%(n)sth") % {"n": n})


def window_text(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(n)s year", "%(n)s years", years) % {"n": years} if years > 1 else _("12 months")
    if days % 30 == 0:
        months = days // 30
        return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


def length_text(min_days: int | None, max_days: int | None) -> str:
    if min_days is None:
        return ""
    if max_days is None or max_days == min_days:
        return _length(min_days)
    return _("%(low)s to %(high)s") % {"low": _length(min_days), "high": _length(max_days)}


def _length(days: int) -> str:
    if days >= 365 and days % 365 == 0:
        return ngettext("%(n)s year", "%(n)s years", days // 365) % {"n": days // 365}
    if days >= 30 and days % 30 == 0:
        return ngettext("%(n)s month", "%(n)s months", days // 30) % {"n": days // 30}
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


def outcome_text(step: LadderStep) -> str:
    if step.note:
        return step.note
    if step.outcome == Outcome.SUSPENSION:
        return length_text(step.min_days, step.max_days)
    if step.outcome == Outcome.PERMANENT and step.lift_request_after_days:
        return _("permanent, may ask to lift after %(time)s") % {
            "time": _length(step.lift_request_after_days)
        }
    return str(Outcome(step.outcome).label).lower()


LADDER_ROW = (
    "rank",
    "for_minors",
    "offence_from",
    "offence_to",
    "lookback_days",
    "counts",
    "outcome",
    "min_days",
    "max_days",
    "lift_request_after_days",
    "note",
)


def step_values(row: Sequence, classes: dict[int, BehaviourClass]) -> dict:
    """A row of a published table (see LADDER_ROW) as the fields of a ladder step."""
    values = dict(zip(LADDER_ROW, row, strict=True))
    values["behaviour_class"] = classes[values.pop("rank")]
    return values


@dataclass(frozen=True)
class EarlierViolation:
    """An earlier incident with the person as its subject: its local date, its most serious class's rank."""

    on: date
    rank: int


def counted(step: LadderStep, rank: int, violation: EarlierViolation) -> bool:
    if step.counts == Counting.ANY_CLASS:
        return True
    if step.counts == Counting.SAME_OR_MORE_SERIOUS:
        return violation.rank >= rank
    return violation.rank == rank


def recommend(
    *,
    steps: Iterable[LadderStep],
    behaviour_class: BehaviourClass,
    on: date,
    earlier: Sequence[EarlierViolation],
    is_minor: bool = False,
) -> Recommendation | None:
    """The row of the table that applies to a violation of `behaviour_class` on `on`, given earlier ones.

    Each row counts the earlier violations it names (same class, this class or more serious, or any) inside
    its own look-back window (a violation exactly `lookback_days` before `on` is outside it). When several
    rows match, the most severe wins. Minors follow the rows written for minors when the library has any for
    that class.
    """
    rows = [s for s in steps if s.behaviour_class_id == behaviour_class.pk]
    minor_rows = [s for s in rows if s.for_minors]
    rows = minor_rows if is_minor and minor_rows else [s for s in rows if not s.for_minors]
    best, best_n = None, 0
    for step in rows:
        since = on - timedelta(days=step.lookback_days)
        number = 1 + sum(1 for v in earlier if since < v.on <= on and counted(step, behaviour_class.rank, v))
        applies = step.offence_from <= number and (step.offence_to is None or number <= step.offence_to)
        if applies and (best is None or _severity(step) > _severity(best)):
            best, best_n = step, number
    if best is None:
        return None
    explanation = _explain(best, best_n, behaviour_class)
    if is_minor and best.for_minors:
        explanation += " " + _("(rules for minors; a parent or guardian is told)")
    return Recommendation(
        outcome=best.outcome,
        min_days=best.min_days,
        max_days=best.max_days,
        lift_request_after_days=best.lift_request_after_days,
        offence_number=best_n,
        lookback_days=best.lookback_days,
        explanation=explanation,
        step=best,
    )


def _explain(step: LadderStep, number: int, behaviour_class: BehaviourClass) -> str:
    values = {
        "nth": ordinal(number),
        "class": behaviour_class.sentence_word(),
        "window": window_text(step.lookback_days),
        "outcome": outcome_text(step),
    }
    if step.counts == Counting.ANY_CLASS:
        text = _("%(nth)s violation of any class in %(window)s: %(outcome)s") % values
    elif step.counts == Counting.SAME_OR_MORE_SERIOUS:
        text = _("%(nth)s violation of %(class)s or more serious in %(window)s: %(outcome)s") % values
    else:
        text = _("%(nth)s %(class)s violation in %(window)s: %(outcome)s") % values
    return text[0].upper() + text[1:]


_OUTCOME_RANK = {
    Outcome.WARNING: 0,
    Outcome.LEAVE_DAY: 1,
    Outcome.SUSPENSION: 2,
    Outcome.PENDING_REVIEW: 3,
    Outcome.PERMANENT: 4,
}


def _severity(step: LadderStep) -> tuple[int, int]:
    return (_OUTCOME_RANK[step.outcome], step.max_days or 0)
