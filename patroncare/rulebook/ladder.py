"""The consequence ladder: a library's published table turned into a recommendation with its reason.

Pure functions over ladder rows and dates, so the same behaviour and history lead to the same recommendation
wherever it happens, and the table can be tested row by row.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from patroncare.libraries.calendar import Unit, add_period, period_last_day, subtract_period

from .models import BehaviourClass, Counting, LadderStep, LookbackUnit, Outcome


@dataclass(frozen=True)
class Option:
    """One outcome a row of the table offers: option 1 is the row's own, 2, 3, ... its choices."""

    position: int
    outcome: str
    length_min: int | None
    length_max: int | None
    length_unit: str

    def allows(self, *, outcome: str, start_date: date, end_date: date | None) -> bool:
        """True when the chosen consequence is this option (a last day inside its range)."""
        if outcome != self.outcome:
            return False
        if self.outcome != Outcome.SUSPENSION or not self.length_min:
            return True
        shortest = period_last_day(start_date, self.length_min, self.length_unit)
        longest = period_last_day(start_date, self.length_max or self.length_min, self.length_unit)
        return end_date is not None and shortest <= end_date <= longest


def options_of(step: LadderStep) -> tuple[Option, ...]:
    """Every outcome a row offers, its own first (choices come from a prefetch when there is one)."""
    first = Option(1, step.outcome, step.length_min, step.length_max, step.length_unit)
    more = sorted(step.choices.all(), key=lambda c: c.position) if step.pk else []
    return (first, *(Option(c.position, c.outcome, c.length_min, c.length_max, c.length_unit) for c in more))


def option_text(option: Option) -> str:
    """ "a warning", "leave for the rest of the day", "a suspension of 1 to 3 days": one option."""
    if option.outcome == Outcome.SUSPENSION and option.length_min:
        return _("a suspension of %(length)s") % {
            "length": length_text(option.length_min, option.length_max, option.length_unit)
        }
    if option.outcome == Outcome.WARNING:
        return _("a warning")
    if option.outcome == Outcome.LEAVE_DAY:
        return _("leave for the rest of the day")
    if option.outcome == Outcome.PENDING_REVIEW:
        return _("an immediate suspension pending review")
    return _("a permanent exclusion")


def options_text(options: Sequence[Option]) -> str:
    """ "A warning, or a suspension of 1 day": a row's options, listed."""
    text = _(", or ").join(option_text(o) for o in options)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Recommendation:
    outcome: str
    length_min: int | None
    length_max: int | None
    length_unit: str
    lift_after_number: int | None
    lift_after_unit: str
    offence_number: int
    lookback_number: int | None
    lookback_unit: str
    explanation: str
    step: LadderStep | None
    # Every outcome the row offers; the fields above are its first. Empty when built by hand: the first only.
    options: tuple[Option, ...] = ()

    def all_options(self) -> tuple[Option, ...]:
        if self.options:
            return self.options
        return (Option(1, self.outcome, self.length_min, self.length_max, self.length_unit),)

    def has_choice(self) -> bool:
        return len(self.all_options()) > 1

    def chosen_option(self, *, outcome: str, start_date: date, end_date: date | None) -> Option | None:
        """The option of the row the issuer's consequence matches; None for a deviation."""
        for option in self.all_options():
            if option.allows(outcome=outcome, start_date=start_date, end_date=end_date):
                return option
        return None

    def shortest_last_day(self, start: date) -> date | None:
        """The last day of the shortest suspension the table allows, when it begins on `start`."""
        if self.outcome != Outcome.SUSPENSION or not self.length_min:
            return None
        return period_last_day(start, self.length_min, self.length_unit)

    def longest_last_day(self, start: date) -> date | None:
        if self.outcome != Outcome.SUSPENSION or not self.length_min:
            return None
        return period_last_day(start, self.length_max or self.length_min, self.length_unit)

    def lift_request_from(self, start: date) -> date | None:
        """For a permanent exclusion beginning on `start`: the day the person may ask for it to be lifted."""
        if self.outcome != Outcome.PERMANENT or not self.lift_after_number:
            return None
        return add_period(start, self.lift_after_number, self.lift_after_unit)

    def allows(self, *, outcome: str, start_date: date, end_date: date | None) -> bool:
        """True when the chosen consequence is one of the row's options (a last day inside its range)."""
        return self.chosen_option(outcome=outcome, start_date=start_date, end_date=end_date) is not None


def ordinal(n: int) -> str:
    """The offence number as a word ("first" to "twentieth"), then as a numeral ("21st", "22nd", ...)."""
    words = {
        1: pgettext("violation", "first"),
        2: pgettext("violation", "second"),
        3: pgettext("violation", "third"),
        4: pgettext("violation", "fourth"),
        5: pgettext("violation", "fifth"),
        6: pgettext("violation", "sixth"),
        7: pgettext("violation", "seventh"),
        8: pgettext("violation", "eighth"),
        9: pgettext("violation", "ninth"),
        10: pgettext("violation", "tenth"),
        11: pgettext("violation", "eleventh"),
        12: pgettext("violation", "twelfth"),
        13: pgettext("violation", "thirteenth"),
        14: pgettext("violation", "fourteenth"),
        15: pgettext("violation", "fifteenth"),
        16: pgettext("violation", "sixteenth"),
        17: pgettext("violation", "seventeenth"),
        18: pgettext("violation", "eighteenth"),
        19: pgettext("violation", "nineteenth"),
        20: pgettext("violation", "twentieth"),
    }
    if n in words:
        return words[n]
    last = n % 10 if n % 100 not in (11, 12, 13) else 0
    if last == 1:
        return pgettext("violation", "%(n)sst") % {"n": n}
    if last == 2:
        return pgettext("violation", "%(n)snd") % {"n": n}
    if last == 3:
        return pgettext("violation", "%(n)srd") % {"n": n}
    return pgettext("violation", "%(n)sth") % {"n": n}


def period_text(number: int, unit: str) -> str:
    """ "1 day", "12 months", "2 years": a period as the table words it, never converted to another unit."""
    if unit == Unit.WEEKS:
        return ngettext("%(n)s week", "%(n)s weeks", number) % {"n": number}
    if unit == Unit.MONTHS:
        return ngettext("%(n)s month", "%(n)s months", number) % {"n": number}
    if unit == Unit.YEARS:
        return ngettext("%(n)s year", "%(n)s years", number) % {"n": number}
    if unit == Unit.WORKING_DAYS:
        return ngettext("%(n)s working day", "%(n)s working days", number) % {"n": number}
    return ngettext("%(n)s day", "%(n)s days", number) % {"n": number}


def in_the_past_text(number: int, unit: str) -> str:
    """ "in the past 6 months", "in the past year": a look-back window as an explanation words it."""
    if unit == Unit.WEEKS:
        return ngettext("in the past week", "in the past %(n)s weeks", number) % {"n": number}
    if unit == Unit.MONTHS:
        return ngettext("in the past month", "in the past %(n)s months", number) % {"n": number}
    if unit == Unit.YEARS:
        return ngettext("in the past year", "in the past %(n)s years", number) % {"n": number}
    if unit == Unit.WORKING_DAYS:
        return ngettext("in the past working day", "in the past %(n)s working days", number) % {"n": number}
    return ngettext("in the past day", "in the past %(n)s days", number) % {"n": number}


def lookback_text(step: LadderStep) -> str:
    """How the ladder page shows a row's window: "12 months" or "no look-back"."""
    if step.lookback_unit == LookbackUnit.NONE:
        return _("no look-back")
    return period_text(step.lookback_number, step.lookback_unit)


def default_lookback_text(behaviour_class: BehaviourClass) -> str:
    """How the ladder page shows a class's usual window: "12 months" or "no look-back"."""
    if behaviour_class.default_lookback_unit == LookbackUnit.NONE:
        return _("no look-back")
    return period_text(behaviour_class.default_lookback_number, behaviour_class.default_lookback_unit)


def length_text(low: int | None, high: int | None, unit: str = Unit.DAYS) -> str:
    """ "7 days", "1 month", "6 to 12 months"."""
    if low is None:
        return ""
    if high is None or high == low:
        return period_text(low, unit)
    if unit == Unit.MONTHS:
        return ngettext("%(low)s to %(n)s month", "%(low)s to %(n)s months", high) % {"low": low, "n": high}
    if unit == Unit.YEARS:
        return ngettext("%(low)s to %(n)s year", "%(low)s to %(n)s years", high) % {"low": low, "n": high}
    if unit == Unit.WEEKS:
        return ngettext("%(low)s to %(n)s week", "%(low)s to %(n)s weeks", high) % {"low": low, "n": high}
    return ngettext("%(low)s to %(n)s day", "%(low)s to %(n)s days", high) % {"low": low, "n": high}


def table_wording(step: LadderStep) -> str:
    """The row's own wording in the active language; the English one when no Spanish one was given."""
    return step.note  # the reader's language, else the other version (translation.py)


def outcome_text(step: LadderStep) -> str:
    if wording := table_wording(step):
        return wording
    options = options_of(step)
    if len(options) > 1:
        return options_text(options)
    if step.outcome == Outcome.SUSPENSION:
        return length_text(step.length_min, step.length_max, step.length_unit)
    if step.outcome == Outcome.PERMANENT and step.lift_after_number:
        return _("permanent, may ask to lift after %(time)s") % {
            "time": period_text(step.lift_after_number, step.lift_after_unit)
        }
    return str(Outcome(step.outcome).label).lower()


def consequence_text(step: LadderStep) -> str:
    """How the ladder page shows a row's consequence: "Suspension: 6 to 12 months", or its options."""
    options = options_of(step)
    if len(options) > 1:
        return options_text(options)
    label = str(Outcome(step.outcome).label)
    if step.outcome == Outcome.SUSPENSION and step.length_min:
        return _("%(outcome)s: %(length)s") % {
            "outcome": label,
            "length": length_text(step.length_min, step.length_max, step.length_unit),
        }
    if step.outcome == Outcome.PERMANENT and step.lift_after_number:
        return _("%(outcome)s; may ask to lift after %(time)s") % {
            "outcome": label,
            "time": period_text(step.lift_after_number, step.lift_after_unit),
        }
    return label


# A row of a published table: (class rank, for minors, offence from, offence to, look-back, earlier violations
# counted, outcome, shortest suspension, longest suspension, may ask to lift after, the table's own wording).
# A period is a number of days (365) or a number and a unit ((12, "months")); a look-back of None is "no
# look-back". The shortest and longest suspension share their unit. The table's wording is a text, "" for
# none, or (English, Spanish).
LADDER_ROW = (
    "rank",
    "for_minors",
    "offence_from",
    "offence_to",
    "lookback",
    "counts",
    "outcome",
    "length_min",
    "length_max",
    "lift_after",
    "note",
)


def _period(value) -> tuple[int | None, str]:
    if value is None:
        return None, Unit.DAYS
    if isinstance(value, int):
        return value, Unit.DAYS
    number, unit = value
    return number, unit


def step_values(row: Sequence, classes: dict[int, BehaviourClass]) -> dict:
    """A row of a published table (see LADDER_ROW) as the fields of a ladder step."""
    values = dict(zip(LADDER_ROW, row, strict=True))
    if isinstance(values["note"], tuple):  # the table's wording in English and in Spanish
        values["note"], values["note_es"] = values["note"]
    values["behaviour_class"] = classes[values.pop("rank")]
    lookback = values.pop("lookback")
    if lookback is None:
        values["lookback_number"], values["lookback_unit"] = None, LookbackUnit.NONE
    else:
        values["lookback_number"], values["lookback_unit"] = _period(lookback)
    low, low_unit = _period(values.pop("length_min"))
    high, high_unit = _period(values.pop("length_max"))
    if low is not None and high is not None and low_unit != high_unit:
        raise ValueError("the shortest and longest suspension of a row share their unit")
    values["length_min"], values["length_max"], values["length_unit"] = low, high, low_unit
    values["lift_after_number"], values["lift_after_unit"] = _period(values.pop("lift_after"))
    if values["lift_after_number"] is None:
        values["lift_after_unit"] = Unit.YEARS
    return values


@dataclass(frozen=True)
class EarlierViolation:
    """An earlier incident with the person as its subject: its local date, its class and that class's rank.

    `class_id` is the incident's class (the most serious of its rules'); when it is not known, a class is
    recognised by its rank alone.
    """

    on: date
    rank: int
    class_id: int | None = None


def counted(step: LadderStep, behaviour_class: BehaviourClass, violation: EarlierViolation) -> bool:
    """Whether the row counts the violation: classes sharing a rank are equally serious, not the same."""
    if step.counts == Counting.ANY_CLASS:
        return True
    if step.counts == Counting.SAME_OR_MORE_SERIOUS:
        return violation.rank >= behaviour_class.rank
    if violation.class_id is not None:
        return violation.class_id == behaviour_class.pk
    return violation.rank == behaviour_class.rank


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
    its own look-back window, counted back from `on` in the row's unit (a violation exactly 12 months before
    `on` is outside a 12-month window), or all of them when the row has no look-back. When several
    rows match, the most severe wins. Minors follow the rows written for minors when the library has any for
    that class.
    """
    rows = [s for s in steps if s.behaviour_class_id == behaviour_class.pk]
    minor_rows = [s for s in rows if s.for_minors]
    rows = minor_rows if is_minor and minor_rows else [s for s in rows if not s.for_minors]
    best, best_n = None, 0
    for step in rows:
        since = lookback_start(step, on)
        number = 1 + sum(
            1
            for v in earlier
            if (since is None or since < v.on) and v.on <= on and counted(step, behaviour_class, v)
        )
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
        length_min=best.length_min,
        length_max=best.length_max,
        length_unit=best.length_unit,
        lift_after_number=best.lift_after_number,
        lift_after_unit=best.lift_after_unit,
        offence_number=best_n,
        lookback_number=best.lookback_number,
        lookback_unit=best.lookback_unit,
        explanation=explanation,
        step=best,
        options=options_of(best),
    )


def lookback_start(step: LadderStep, on: date) -> date | None:
    """The day a row's window opens before `on` (violations after it count); None with no look-back."""
    if step.lookback_unit == LookbackUnit.NONE:
        return None
    return subtract_period(on, step.lookback_number, step.lookback_unit)


def _explain(step: LadderStep, number: int, behaviour_class: BehaviourClass) -> str:
    values = {
        "nth": ordinal(number),
        "class": behaviour_class.sentence_word(),
        "window": in_the_past_text(step.lookback_number, step.lookback_unit)
        if step.lookback_unit != LookbackUnit.NONE
        else "",
        "outcome": outcome_text(step),
    }
    if step.lookback_unit == LookbackUnit.NONE:
        if step.counts == Counting.ANY_CLASS:
            text = _(
                "%(nth)s violation of any class (no look-back: every earlier violation counts): %(outcome)s"
            )
        elif step.counts == Counting.SAME_OR_MORE_SERIOUS:
            text = _(
                "%(nth)s violation of %(class)s or more serious (no look-back: every earlier violation "
                "counts): %(outcome)s"
            )
        else:
            text = _(
                "%(nth)s %(class)s violation (no look-back: every earlier violation counts): %(outcome)s"
            )
        text = text % values
    elif step.counts == Counting.ANY_CLASS:
        text = _("%(nth)s violation of any class %(window)s: %(outcome)s") % values
    elif step.counts == Counting.SAME_OR_MORE_SERIOUS:
        text = _("%(nth)s violation of %(class)s or more serious %(window)s: %(outcome)s") % values
    else:
        text = _("%(nth)s %(class)s violation %(window)s: %(outcome)s") % values
    return text[0].upper() + text[1:]


_OUTCOME_RANK = {
    Outcome.WARNING: 0,
    Outcome.LEAVE_DAY: 1,
    Outcome.SUSPENSION: 2,
    Outcome.PENDING_REVIEW: 3,
    Outcome.PERMANENT: 4,
}


# Rows are compared by their longest suspension counted from one fixed day, whatever unit each is written in.
_SEVERITY_FROM = date(2001, 1, 1)


def _severity(step: LadderStep) -> tuple[int, int]:
    longest = step.length_max or step.length_min
    if not longest:
        return (_OUTCOME_RANK[step.outcome], 0)
    return (
        _OUTCOME_RANK[step.outcome],
        (add_period(_SEVERITY_FROM, longest, step.length_unit) - _SEVERITY_FROM).days,
    )
