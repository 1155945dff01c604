"""Playing a scenario: where a choice leads, how it scores, and the debrief of a path taken."""

from dataclasses import dataclass
from functools import lru_cache

from .scenario_format import MAX_SCORE, SKILLS, Choice, ScenarioDoc, Step, parse_valid


@lru_cache(maxsize=256)
def document(source: str) -> ScenarioDoc:
    """The parsed scenario of a stored source text (stored sources were validated when saved)."""
    return parse_valid(source)


def choose(doc: ScenarioDoc, *, step_id: str, index: int) -> tuple[Choice, Step]:
    """The choice picked at a step and the step it leads to. Raises ValueError for an impossible move."""
    step = doc.step(step_id)
    if step.is_ending or not 0 <= index < len(step.choices):
        raise ValueError("No such choice at this step.")
    choice = step.choices[index]
    return choice, doc.step(choice.next)


def path_entry(*, step_id: str, index: int, choice: Choice) -> dict:
    return {"step": step_id, "choice": index, "score": choice.score, "skill": choice.skill}


def score_of(path: list[dict]) -> tuple[int, int]:
    """(points, best possible points) for the choices made: each choice scores 0, 1 or 2."""
    return sum(entry["score"] for entry in path), MAX_SCORE * len(path)


@dataclass
class DebriefLine:
    step: Step
    index: int
    choice: Choice
    better: Choice | None  # the strongest choice at that step, when the one made was weaker


@dataclass
class Debrief:
    lines: list[DebriefLine]
    shown: list[str]  # skill labels shown (a choice scoring 2), in the order first shown
    missed: list[str]  # skill labels missed (a choice scoring 0) and never shown on this path
    alternative: list[DebriefLine]  # the steps where another choice would have done better


def debrief(doc: ScenarioDoc, path: list[dict]) -> Debrief:
    lines = []
    shown: list[str] = []
    missed: list[str] = []
    for entry in path:
        step = doc.step(entry["step"])
        choice = step.choices[entry["choice"]]
        best = max(step.choices, key=lambda c: c.score)
        lines.append(
            DebriefLine(
                step=step,
                index=entry["choice"],
                choice=choice,
                better=best if best.score > choice.score else None,
            )
        )
        bucket = shown if choice.score == MAX_SCORE else missed if choice.score == 0 else None
        if bucket is not None and choice.skill not in bucket:
            bucket.append(choice.skill)
    missed = [skill for skill in missed if skill not in shown]
    return Debrief(
        lines=lines,
        shown=[str(SKILLS[s]) for s in shown],
        missed=[str(SKILLS[s]) for s in missed],
        alternative=[line for line in lines if line.better is not None],
    )


def best_path(doc: ScenarioDoc, *, limit: int = 50) -> list[tuple[Step, int]]:
    """The path taking the strongest choice at each step (used by tests and the authoring preview)."""
    path, step = [], doc.step(doc.start)
    while not step.is_ending and len(path) < limit:
        index = max(range(len(step.choices)), key=lambda i: step.choices[i].score)
        path.append((step, index))
        step = doc.step(step.choices[index].next)
    return path
