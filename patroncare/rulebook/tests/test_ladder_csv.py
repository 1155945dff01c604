"""The ladder as a CSV file: what is written reads back as the same table; a wrong cell changes nothing."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from patroncare.audit.models import AuditEvent
from patroncare.rulebook.ladder_csv import BOM, export_csv, parse_csv
from patroncare.rulebook.models import LadderStep, LadderStepChoice, Outcome
from patroncare.rulebook.services import ladder_csv_import, rules_install_defaults

STEP_FIELDS = [
    "for_minors",
    "offence_from",
    "offence_to",
    "lookback_number",
    "lookback_unit",
    "counts",
    "outcome",
    "length_min",
    "length_max",
    "length_unit",
    "lift_after_number",
    "lift_after_unit",
    "note",
    "note_es",
]


def _table(system) -> list:
    steps = (
        LadderStep.objects.filter(system=system).select_related("behaviour_class").prefetch_related("choices")
    )
    return sorted(
        (
            step.behaviour_class.name,
            *(
                getattr(step, name) or ("" if name == "note_es" else getattr(step, name))
                for name in STEP_FIELDS
            ),
            tuple(
                (c.position, c.outcome, c.length_min, c.length_max, c.length_unit) for c in step.choices.all()
            ),
        )
        for step in steps
    )


def _upload(text: str, name: str = "ladder.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def ladder(world):
    """The default ladder, one row of it offering a choice: a warning, or a suspension of 1 to 3 days."""
    rules_install_defaults(system=world.system)
    step = LadderStep.objects.filter(system=world.system, outcome=Outcome.WARNING).first()
    LadderStepChoice.objects.create(
        step=step, position=2, outcome=Outcome.SUSPENSION, length_min=1, length_max=3, length_unit="weeks"
    )
    step.note, step.note_es = "a warning, or up to 3 weeks", "una advertencia, o hasta 3 semanas"
    step.save()
    return world


@pytest.mark.django_db
def test_export_then_import_gives_the_same_table(ladder):
    before = _table(ladder.system)
    text = export_csv(ladder.system)
    assert text.startswith(BOM) and "or_outcome_2" in text and "or_outcome_3" not in text
    count = ladder_csv_import(actor=ladder.users["administrator"], system=ladder.system, upload=_upload(text))
    assert count == len(before) > 5
    assert _table(ladder.system) == before
    event = AuditEvent.objects.filter(event="rulebook.ladder_csv_imported").get()
    assert event.changes["rows"] == {"value": count}


@pytest.mark.django_db
def test_a_third_option_adds_its_columns_and_reads_back(ladder):
    step = LadderStepChoice.objects.get().step
    LadderStepChoice.objects.create(step=step, position=3, outcome=Outcome.LEAVE_DAY)
    before = _table(ladder.system)
    text = export_csv(ladder.system)
    assert "or_length_unit_3" in text.splitlines()[0]
    ladder_csv_import(actor=None, system=ladder.system, upload=_upload(text.removeprefix(BOM)))
    assert _table(ladder.system) == before


@pytest.mark.django_db
def test_another_system_exports_only_its_own_ladder(ladder):
    text = export_csv(ladder.other_system)
    assert text.strip(BOM).strip().count("\n") == 0  # the header only


def _broken(ladder, changes: dict) -> str:
    """The exported file with some cells changed: {(row, column): new value}, rows numbered as in it."""
    rows = list(csv.reader(io.StringIO(export_csv(ladder.system).removeprefix(BOM))))
    for (row, column), value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.mark.django_db
def test_an_unknown_class_a_bad_outcome_and_a_bad_number_change_nothing(ladder):
    before = _table(ladder.system)
    events = AuditEvent.objects.count()
    text = _broken(ladder, {(2, "class"): "Class Z", (3, "outcome"): "scolding", (4, "offence_from"): "two"})
    with pytest.raises(ValidationError) as refused:
        ladder_csv_import(actor=None, system=ladder.system, upload=_upload(text))
    problems = refused.value.messages
    assert any(p.startswith("Row 2, class: there is no class named “Class Z”") for p in problems)
    assert any(p.startswith("Row 3, outcome:") and "scolding" in p for p in problems)
    assert "Row 4, offence_from: “two” is not a whole number." in problems
    assert len(problems) == 3
    assert _table(ladder.system) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_bad_option_names_its_own_column(ladder):
    text = _broken(
        ladder, {(2, "or_outcome_2"): "", (2, "or_length_min_2"): "3", (3, "or_length_unit_2"): "x"}
    )
    rows, errors = parse_csv(text, ladder.system)
    assert rows == []
    assert any(e.startswith("Row 2, or_outcome_2:") for e in errors)
    assert any(e.startswith("Row 3, or_length_unit_2:") for e in errors)


@pytest.mark.django_db
def test_a_suspension_without_its_length_names_its_column(ladder):
    header = export_csv(ladder.system).removeprefix(BOM).splitlines()[0]
    name = LadderStep.objects.filter(system=ladder.system).first().behaviour_class.name
    row = f"{name},no,1,,12,months,same,suspension,,,days,,years,,"
    rows, errors = parse_csv(f"{header}\n{row}\n", ladder.system)
    assert rows == [] and errors and all(e.startswith("Row 2, length_min:") for e in errors)


@pytest.mark.django_db
def test_a_missing_column_is_named(ladder):
    rows, errors = parse_csv("class,outcome\nX,warning\n", ladder.system)
    assert rows == [] and "Row 1, offence_from: this column is missing." in errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("ladder.csv", b"class\n" + b"x" * 210_000),
        SimpleUploadedFile("ladder.pdf", b"%PDF-1.4 class,outcome"),
        SimpleUploadedFile("ladder.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
        SimpleUploadedFile("ladder.csv", "clase;resultado".encode("utf-16")),
    ],
    ids=["too large", "a pdf", "a png named csv", "not utf-8"],
)
def test_a_file_that_is_not_a_small_csv_is_refused(ladder, upload):
    before = _table(ladder.system)
    with pytest.raises(ValidationError):
        ladder_csv_import(actor=None, system=ladder.system, upload=upload)
    assert _table(ladder.system) == before
