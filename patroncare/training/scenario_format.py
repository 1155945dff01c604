"""The plain-text scenario format: one TOML file per scenario, read with `tomllib`, written by `export`.

The format is documented in docs/training.md. Reading gives a `ScenarioDoc`; `validate` lists every problem
with the step and choice it concerns; `export` writes the canonical text, so that
`export(parse(export(doc))) == export(doc)` and a file written by `export` reads back to the same document.
"""

import json
import tomllib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORMAT = "patroncare-scenario/1"
LANGUAGES = ("en", "es")
MIN_CHOICES, MAX_CHOICES = 2, 4
MAX_SCORE = 2  # per choice: 2 shows the skill, 1 partly, 0 misses it

SKILLS = {
    "believe": gettext_lazy("Believe"),
    "listen": gettext_lazy("Listen"),
    "assist": gettext_lazy("Assist"),
    "solve_support": gettext_lazy("Solve/Support"),
    "thank": gettext_lazy("Thank"),
    "feelings_first": gettext_lazy("Feelings first, then the problem"),
    "boundary": gettext_lazy("Setting a boundary"),
    "safety_first": gettext_lazy("Safety first"),
    "scale_of_yes": gettext_lazy("The Scale of Yes"),
    "referral": gettext_lazy("A referral"),
}
OUTCOMES = {
    "good": gettext_lazy("A good outcome"),
    "mixed": gettext_lazy("A mixed outcome"),
    "poor": gettext_lazy("A poor outcome"),
}


class ScenarioFormatError(ValueError):
    """The text is not a scenario at all (not TOML, or not the expected shape); `problems` says why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Choice:
    text: str
    next: str
    skill: str
    score: int
    feedback: str


@dataclass
class Step:
    id: str
    setting: str = ""
    patron: str = ""  # how the patron seems
    says: str = ""  # what the patron says or does (for an ending: how the encounter ends)
    ending: str = ""  # an outcome key for an ending, empty for a step with choices
    choices: list[Choice] = field(default_factory=list)

    @property
    def is_ending(self) -> bool:
        return bool(self.ending)


@dataclass
class ScenarioDoc:
    slug: str
    language: str
    title: str
    summary: str
    start: str
    steps: list[Step]
    format: str = FORMAT

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]

    @property
    def endings(self) -> list[Step]:
        return [step for step in self.steps if step.is_ending]


def _text(table: dict, key: str, where: str, problems: list[str], *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        problems.append(_("%(where)s: “%(key)s” must be text.") % {"where": where, "key": key})
        return ""
    if required and not value.strip():
        problems.append(_("%(where)s: “%(key)s” is missing.") % {"where": where, "key": key})
    return value


def parse(text: str) -> ScenarioDoc:
    """Read a scenario file. Raises ScenarioFormatError when it is not TOML or lacks the expected shape."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFormatError([_("The file is not valid TOML: %(error)s") % {"error": error}]) from error
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(_('The first line must be: format = "%(format)s"') % {"format": FORMAT})
    header = _("The scenario")
    slug = _text(data, "slug", header, problems)
    language = _text(data, "language", header, problems)
    title = _text(data, "title", header, problems)
    summary = _text(data, "summary", header, problems, required=False)
    start = _text(data, "start", header, problems)
    raw_steps = data.get("step", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        raise ScenarioFormatError(problems + [_("Steps must be written as [[step]] tables.")])
    steps = []
    for position, raw in enumerate(raw_steps, start=1):
        step_id = raw.get("id")
        if not isinstance(step_id, str) or not step_id.strip():
            problems.append(_("Step %(number)s has no id.") % {"number": position})
            step_id = f"#{position}"
        where = _("Step “%(id)s”") % {"id": step_id}
        step = Step(
            id=step_id,
            setting=_text(raw, "setting", where, problems, required=False),
            patron=_text(raw, "patron", where, problems, required=False),
            says=_text(raw, "says", where, problems),
            ending=_text(raw, "ending", where, problems, required=False),
        )
        raw_choices = raw.get("choice", [])
        if not isinstance(raw_choices, list) or not all(isinstance(c, dict) for c in raw_choices):
            problems.append(
                _("%(where)s: choices must be written as [[step.choice]] tables.") % {"where": where}
            )
            raw_choices = []
        for number, raw_choice in enumerate(raw_choices, start=1):
            choice_where = _("Step “%(id)s”, choice %(number)s") % {"id": step_id, "number": number}
            score = raw_choice.get("score", 0)
            if isinstance(score, bool) or not isinstance(score, int):
                problems.append(_("%(where)s: the score must be a whole number.") % {"where": choice_where})
                score = 0
            step.choices.append(
                Choice(
                    text=_text(raw_choice, "text", choice_where, problems, required=False),
                    next=_text(raw_choice, "next", choice_where, problems, required=False),
                    skill=_text(raw_choice, "skill", choice_where, problems, required=False),
                    score=score,
                    feedback=_text(raw_choice, "feedback", choice_where, problems, required=False),
                )
            )
        steps.append(step)
    if problems:
        raise ScenarioFormatError(problems)
    return ScenarioDoc(slug=slug, language=language, title=title, summary=summary, start=start, steps=steps)


def validate(doc: ScenarioDoc) -> list[str]:
    """Every problem that stops the scenario from being played, each naming its step and choice."""
    problems: list[str] = []
    ids = doc.step_ids
    seen = set()
    for step_id in ids:
        if step_id in seen:
            problems.append(_("Two steps have the id “%(id)s”.") % {"id": step_id})
        seen.add(step_id)
    if doc.language not in LANGUAGES:
        problems.append(
            _("The language must be one of: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}
        )
    if not doc.slug.replace("-", "").isalnum() or doc.slug != doc.slug.lower():
        problems.append(_("The slug must be lower-case letters, digits and hyphens."))
    if doc.start not in seen:
        problems.append(_("The start step “%(id)s” does not exist.") % {"id": doc.start})
    for step in doc.steps:
        where = _("Step “%(id)s”") % {"id": step.id}
        if step.is_ending:
            if step.ending not in OUTCOMES:
                problems.append(
                    _("%(where)s: the ending must be one of: %(outcomes)s.")
                    % {"where": where, "outcomes": ", ".join(OUTCOMES)}
                )
            if step.choices:
                problems.append(_("%(where)s is an ending and cannot have choices.") % {"where": where})
            continue
        if not MIN_CHOICES <= len(step.choices) <= MAX_CHOICES:
            problems.append(
                _("%(where)s has %(count)s choices; a step needs two to four.")
                % {"where": where, "count": len(step.choices)}
            )
        for number, choice in enumerate(step.choices, start=1):
            choice_where = _("Step “%(id)s”, choice %(number)s") % {"id": step.id, "number": number}
            if not choice.text.strip():
                problems.append(_("%(where)s has no text.") % {"where": choice_where})
            if not choice.feedback.strip():
                problems.append(_("%(where)s has no feedback.") % {"where": choice_where})
            if choice.skill not in SKILLS:
                problems.append(
                    _("%(where)s: the skill must be one of: %(skills)s.")
                    % {"where": choice_where, "skills": ", ".join(SKILLS)}
                )
            if not 0 <= choice.score <= MAX_SCORE:
                problems.append(_("%(where)s: the score must be 0, 1 or 2.") % {"where": choice_where})
            if not choice.next.strip():
                problems.append(_("%(where)s leads nowhere: “next” is missing.") % {"where": choice_where})
            elif choice.next not in seen:
                problems.append(
                    _("%(where)s leads nowhere: there is no step “%(next)s”.")
                    % {"where": choice_where, "next": choice.next}
                )
    if len(doc.endings) < 2:
        problems.append(_("A scenario needs at least two endings (steps with “ending”)."))
    if problems or doc.start not in seen:
        return problems
    problems += _graph_problems(doc)
    return problems


def _graph_problems(doc: ScenarioDoc) -> list[str]:
    edges = {step.id: [c.next for c in step.choices] for step in doc.steps}
    reachable = {doc.start}
    frontier = [doc.start]
    while frontier:
        for target in edges[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    problems = [
        _("Step “%(id)s” cannot be reached from the start.") % {"id": step.id}
        for step in doc.steps
        if step.id not in reachable
    ]
    # Steps from which some ending can be reached, found backwards from the endings.
    can_end = {step.id for step in doc.endings}
    changed = True
    while changed:
        changed = False
        for step_id, targets in edges.items():
            if step_id not in can_end and any(t in can_end for t in targets):
                can_end.add(step_id)
                changed = True
    problems += [
        _("Step “%(id)s” is on a path without an end: no choice from it ever reaches an ending.")
        % {"id": step.id}
        for step in doc.steps
        if step.id in reachable and step.id not in can_end
    ]
    return problems


def _string(value: str) -> str:
    # A JSON string with non-ASCII kept is a valid TOML basic string (same escapes: \" \\ \n \t \uXXXX).
    return json.dumps(value, ensure_ascii=False)


def export(doc: ScenarioDoc) -> str:
    """The canonical text of a scenario: fixed key order, one value per line, blank lines between tables."""
    lines = [
        f"format = {_string(doc.format)}",
        f"slug = {_string(doc.slug)}",
        f"language = {_string(doc.language)}",
        f"title = {_string(doc.title)}",
        f"summary = {_string(doc.summary)}",
        f"start = {_string(doc.start)}",
    ]
    for step in doc.steps:
        lines += ["", "[[step]]", f"id = {_string(step.id)}"]
        if step.ending:
            lines.append(f"ending = {_string(step.ending)}")
        for key in ("setting", "patron", "says"):
            if getattr(step, key):
                lines.append(f"{key} = {_string(getattr(step, key))}")
        for choice in step.choices:
            lines += [
                "",
                "[[step.choice]]",
                f"text = {_string(choice.text)}",
                f"next = {_string(choice.next)}",
                f"skill = {_string(choice.skill)}",
                f"score = {choice.score}",
                f"feedback = {_string(choice.feedback)}",
            ]
    return "\n".join(lines) + "\n"


def parse_valid(text: str) -> ScenarioDoc:
    """Read and validate; raises ScenarioFormatError listing every problem."""
    doc = parse(text)
    problems = validate(doc)
    if problems:
        raise ScenarioFormatError(problems)
    return doc
