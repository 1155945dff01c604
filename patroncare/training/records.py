"""Summaries of practice records, computed from plays already read by a selector (no queries here)."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from .scenario_format import MAX_SCORE, SKILLS


@dataclass
class SkillRow:
    label: str
    shown: int
    missed: int


@dataclass
class MonthRow:
    month: object  # a date, first of the month
    completed: int
    percent: int


@dataclass
class Summary:
    completed: int
    in_progress: int
    percent: int  # average over finished plays
    skills: list[SkillRow]
    months: list[MonthRow]


def summarise(plays) -> Summary:
    finished = [p for p in plays if p.finished_at]
    shown, missed = Counter(), Counter()
    for play in finished:
        for entry in play.path:
            if entry["score"] == MAX_SCORE:
                shown[entry["skill"]] += 1
            elif entry["score"] == 0:
                missed[entry["skill"]] += 1
    by_month = defaultdict(list)
    for play in finished:
        by_month[play.finished_at.date().replace(day=1)].append(play.percent)
    return Summary(
        completed=len(finished),
        in_progress=len(plays) - len(finished),
        percent=round(sum(p.percent for p in finished) / len(finished)) if finished else 0,
        skills=[
            SkillRow(str(label), shown[key], missed[key])
            for key, label in SKILLS.items()
            if shown[key] or missed[key]
        ],
        months=[
            MonthRow(month, len(values), round(sum(values) / len(values)))
            for month, values in sorted(by_month.items(), reverse=True)
        ],
    )
