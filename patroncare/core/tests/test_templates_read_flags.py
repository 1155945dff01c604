"""Templates decide nothing: a detail page (and what it includes) reads flags such as `can.decide_appeal` or
`review.is_open`, computed in Python from the permissions and the record's state; it never compares a status,
state, decision, outcome or kind itself."""

import re
from pathlib import Path

from django.conf import settings
from django.template import engines

ROOT = Path(settings.BASE_DIR)
IF_TAG = re.compile(r"\{%-?\s*(?:el)?if\s+(.*?)-?%\}", re.S)
COMPARISON = re.compile(r"\b[\w.]*(?:status|state|decision|outcome|kind)\b\s*(?:==|!=|\bnot in\b|\bin\b)")
INCLUDE = re.compile(r"\{%\s*include\s+\"([^\"]+)\"")


def template_dirs() -> list[Path]:
    engine = engines["django"].engine
    return [Path(d) for d in engine.dirs] + sorted(ROOT.glob("patroncare/*/templates"))


def find(name: str) -> Path | None:
    return next((d / name for d in template_dirs() if (d / name).exists()), None)


def detail_templates_and_includes() -> set[Path]:
    pending = [path for d in template_dirs() for path in d.rglob("*detail.html")]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in INCLUDE.findall(path.read_text()):
            if (included := find(name)) is not None:
                pending.append(included)
    return seen


def status_comparisons(text: str) -> list[str]:
    return [tag.group(0) for tag in IF_TAG.finditer(text) if COMPARISON.search(tag.group(1))]


def test_the_walk_finds_every_kind_of_detail_page():
    names = {path.name for path in detail_templates_and_includes()}
    assert {"exclusion_detail.html", "detail.html", "policy_detail.html", "_state.html"} <= names


def test_the_check_would_catch_a_status_comparison():
    assert status_comparisons('{% if review.status == "open" %}x{% endif %}')
    assert status_comparisons("{% elif exclusion.state in closed %}")
    assert not status_comparisons("{% if can.decide_appeal %}{% elif review.is_open %}")


def test_no_detail_template_compares_a_status():
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted(detail_templates_and_includes())
        if (hits := status_comparisons(path.read_text()))
    }
    assert found == {}
