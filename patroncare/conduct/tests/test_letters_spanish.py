"""Letters in Spanish: the library's texts in Spanish, English only where a Spanish text is missing (and
marked as English), Spanish dates; the signature never alone on a page; the stored letter as sent."""

import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from patroncare.accounts.models import Role
from patroncare.accounts.tests.factories import UserFactory
from patroncare.conduct import services
from patroncare.conduct.forms import SPANISH_MISSING, AppealSettingsForm, LadderStepForm, RuleForm
from patroncare.conduct.letters import (
    appeal_decision_pdf,
    exclusion_notice_html,
    exclusion_notice_pdf,
    lift_decision_pdf,
)
from patroncare.conduct.models import Exclusion, Letter, LetterKind
from patroncare.conduct.services.letters import letter_issued
from patroncare.conduct.tests.factories import ExclusionFactory
from patroncare.libraries.calendar import today_in
from patroncare.patrons.tests.factories import PersonFactory
from patroncare.rulebook.models import HOW_TO_APPEAL, HOW_TO_APPEAL_ES, AppealSettings, LadderStep, Outcome
from patroncare.rulebook.selectors import appeal_settings_for

# Words of English that no Spanish sentence uses: one of them in a Spanish letter is English text.
ENGLISH_WORDS = {
    "the", "you", "your", "of", "and", "to", "is", "are", "may", "by", "from", "until", "with", "this",
    "that", "for", "we", "on", "at", "dear", "yours", "sincerely", "appeal", "library", "exclusion",
    "reason", "decision", "notice", "rules", "write", "director",
}  # fmt: skip
ENGLISH_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december"}  # fmt: skip
# Proper names in the test world: the library's, the branch's and the people's names stay as they are.
NAMES = re.compile(r"Riverside County Library|Millbrook Branch|Casey Hidden|Robin Long|Dana Director|"
                   r"Staff Member \d+")  # fmt: skip


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zA-Z]+", NAMES.sub(" ", text).lower())} & (
        ENGLISH_WORDS | ENGLISH_MONTHS
    )


def _es_day(day) -> str:
    from django.utils import formats, translation

    with translation.override("es"):
        return formats.date_format(day, "DATE_FORMAT")


def _fresh(exclusion):
    return Exclusion.objects.select_related("system").get(pk=exclusion.pk)


@pytest.fixture
def spanish(case):
    """The case with every text a Spanish letter prints written in Spanish too."""
    Exclusion.objects.filter(pk=case.exclusion.pk).update(
        letter_language="es",
        conditions="Speak with the branch manager before your first visit back.",
        conditions_es="Hable con la gerencia de la sucursal antes de su primera visita.",
        summary_es="Gritó a un usuario en las computadoras",
    )
    case.exclusion = _fresh(case.exclusion)
    case.system.director = case.users["administrator"]
    case.system.save()
    return case


def test_a_spanish_notice_has_no_english_library_text(spanish):
    english = "\n".join(_pages(exclusion_notice_pdf(spanish.exclusion, language="en")))
    assert {"the", "appeal", "sincerely"} <= _english_words(english)  # the check sees English
    text = "\n".join(_pages(exclusion_notice_pdf(spanish.exclusion, language="es")))
    assert _english_words(text) == set(), text
    assert "Shouted" not in text and HOW_TO_APPEAL[:30] not in text
    flat = " ".join(text.split())
    for spanish_text in (
        "Estimado/a Casey Hidden:",
        "Aviso de exclusión de la biblioteca",
        "Gritó a un usuario en las computadoras.",
        "Hable con la gerencia de la sucursal",
        " ".join(HOW_TO_APPEAL_ES.split()[:8]),
        "Conducta respetuosa",
        "Suspensión",
        "Quién decide su apelación",
        "Atentamente,",
        _es_day(spanish.exclusion.start_date),
        _es_day(spanish.exclusion.end_date),
    ):
        assert spanish_text in flat, spanish_text


def test_a_spanish_appeal_decision_letter_has_no_english_library_text(spanish):
    appeal = services.appeal_file(
        actor=spanish.users["supervisor"],
        exclusion=spanish.exclusion,
        received_at=timezone.now(),
        statement="Fue un malentendido.",
        letter_language="es",
    )
    new_end = today_in(spanish.system) + timedelta(days=6)
    with pytest.raises(ValidationError) as refused:
        services.appeal_decide(
            actor=spanish.users["administrator"],
            appeal=appeal,
            decision="shortened",
            reason="First time; a week is enough.",
            new_end_date=new_end,
        )
    assert "decision_reason_es" in refused.value.message_dict
    appeal = services.appeal_decide(
        actor=spanish.users["administrator"],
        appeal=appeal,
        decision="shortened",
        reason="First time; a week is enough.",
        reason_es="Es la primera vez; basta con una semana.",
        new_end_date=new_end,
    )
    text = " ".join("\n".join(_pages(appeal_decision_pdf(appeal, language="es"))).split())
    assert _english_words(text) == set(), text
    assert "Es la primera vez; basta con una semana." in text and "First time" not in text
    assert _es_day(new_end) in text and "Decisión sobre su apelación" in text


@pytest.fixture
def lifted(conduct):
    director = UserFactory(
        library_system=conduct.system, full_name="Dana Director", roles=[(Role.SUPERVISOR, None)]
    )
    conduct.system.director = director
    conduct.system.save()
    today = today_in(conduct.system)
    conduct.exclusion = ExclusionFactory(
        system=conduct.system,
        person=PersonFactory(system=conduct.system, name="Robin Long"),
        branch=conduct.branch,
        outcome=Outcome.PERMANENT,
        start_date=today - timedelta(days=800),
        lift_request_after=today - timedelta(days=70),
        issued_by=conduct.users["administrator"],
        rules=[conduct.rules["9"]],
        letter_language="es",
    )
    conduct.director, conduct.today = director, today
    return conduct


def _lift(case, **extra):
    lift_request = services.lift_request_record(
        actor=case.users["supervisor"],
        exclusion=_fresh(case.exclusion),
        received_at=timezone.now() - timedelta(hours=1),
        received_how="letter",
        statement="Pido volver.",
        letter_language="es",
    )
    values = {
        "actor": case.director,
        "lift_request": lift_request,
        "expected_version": lift_request.version,
        "decision": "granted",
        "reason": "Two years without incident.",
        "reason_es": "Dos años sin incidentes.",
        "lifted_from": case.today + timedelta(days=1),
        "return_conditions": "Meet the branch manager first.",
        "return_conditions_es": "Reúnase antes con la gerencia de la sucursal.",
    }
    return services.lift_request_decide(**(values | extra))


def test_a_spanish_lift_decision_letter_has_no_english_library_text(lifted):
    lift_request = _lift(lifted)
    text = " ".join("\n".join(_pages(lift_decision_pdf(lift_request, language="es"))).split())
    assert _english_words(text) == set(), text
    assert "Dos años sin incidentes." in text and "Reúnase antes con la gerencia" in text
    assert "Meet the branch" not in text and _es_day(lifted.today + timedelta(days=1)) in text


def test_a_spanish_lift_decision_asks_for_its_spanish_conditions(lifted):
    with pytest.raises(ValidationError) as refused:
        _lift(lifted, return_conditions_es="")
    assert "return_conditions_es" in refused.value.message_dict
    assert not _fresh(lifted.exclusion).end_date


def test_a_missing_spanish_text_falls_back_to_english_marked_as_english(spanish):
    AppealSettings.objects.filter(system=spanish.system).update(how_to_appeal_es="")
    spanish.system.__dict__.pop("_appeal_settings", None)
    rule = spanish.rules["4"]
    rule.text_es = ""
    rule.save()
    html = exclusion_notice_html(_fresh(spanish.exclusion), language="es")
    assert f'<p lang="en">{HOW_TO_APPEAL}</p>' in html
    assert re.search(r'<div class="rule" lang="en"><strong>4\. ' + re.escape(rule.title), html)
    assert '<div class="rule" lang="en">' not in exclusion_notice_html(
        _fresh(spanish.exclusion), language="en"
    )
    # Beside the fields, the administrator is told the Spanish version is missing.
    form = AppealSettingsForm(instance=appeal_settings_for(spanish.system))
    assert str(SPANISH_MISSING) in str(form.fields["how_to_appeal_es"].help_text)
    assert str(SPANISH_MISSING) in str(
        RuleForm(instance=rule, system=spanish.system).fields["text_es"].help_text
    )
    assert str(SPANISH_MISSING) not in str(
        RuleForm(instance=rule, system=spanish.system).fields["title_es"].help_text
    )
    step = LadderStep.objects.filter(system=spanish.system).exclude(note="").first()
    step.note_es = ""
    step.save()
    assert str(SPANISH_MISSING) in str(
        LadderStepForm(instance=step, system=spanish.system).fields["note_es"].help_text
    )


def test_the_ladders_own_wording_is_installed_in_spanish(conduct):
    step = LadderStep.objects.filter(system=conduct.system).exclude(note="").get()
    assert (step.note, step.note_es) == (
        "correct the behaviour or leave for the day",
        "corregir la conducta o retirarse por el día",
    )


def test_the_signature_never_stands_alone_on_the_last_page(spanish):
    """Longer and longer conditions push the end of the letter over the page: the last page always carries
    more than the signature."""
    sentence = "Hable con la gerencia de la sucursal antes de volver y respete las normas de conducta. "

    def pages_with(count: int) -> list[str]:
        Exclusion.objects.filter(pk=spanish.exclusion.pk).update(conditions_es=sentence * count)
        return _pages(exclusion_notice_pdf(_fresh(spanish.exclusion), language="es"))

    low, high = 0, 40
    assert len(pages_with(low)) < len(pages_with(high))
    while high - low > 1:  # the fewest sentences that add a page
        middle = (low + high) // 2
        low, high = (low, middle) if len(pages_with(middle)) > len(pages_with(low)) else (middle, high)
    for count in (high, high + 1, high + 2):
        last = pages_with(count)[-1]
        rest = NAMES.sub("", last)
        for closing in ("Atentamente,", "Referencia: exclusión", re.compile(r"\d+ / \d+")):
            rest = closing.sub("", rest) if hasattr(closing, "sub") else rest.replace(closing, "")
        assert len(rest.split()) > 10, (count, last)


def test_the_greeting_names_the_person_or_the_guardian_in_every_letter(spanish):
    assert "Estimado/a Casey Hidden:" in exclusion_notice_html(spanish.exclusion, language="es")
    exclusion = _fresh(spanish.exclusion)
    exclusion.guardian_name = "Alex Guardian"
    assert "Dear Alex Guardian," in exclusion_notice_html(exclusion, language="en")
    exclusion.guardian_name, exclusion.person.name = "", ""
    exclusion.person.card_number = "29990000000391"
    html = exclusion_notice_html(exclusion, language="en")
    assert "Dear patron," in html and "0391" not in html


def test_a_permanent_notice_in_spanish_never_speaks_of_when_it_ends(lifted):
    html = exclusion_notice_html(_fresh(lifted.exclusion), language="es")
    assert (
        "Cuando termine la exclusión" not in html
        and "no tiene fecha de fin" in html.lower()
        or "sin fecha" in html
    )


# The letter as sent


def _print(case, kind=LetterKind.NOTICE, **subject):
    return letter_issued(
        actor=case.users["supervisor"], exclusion=_fresh(case.exclusion), kind=kind, language="es", **subject
    )


def test_after_a_lift_the_first_notice_reprints_byte_identical_and_an_amended_one_is_issued(lifted):
    first = _print(lifted)
    sent = first.file.open("rb").read()
    _lift(lifted)
    amended = Letter.objects.get(kind=LetterKind.AMENDED_NOTICE)
    assert amended.supersedes == first and amended.language == "es"
    again = _print(lifted)
    assert again.pk == first.pk and again.file.open("rb").read() == sent
    assert "Aviso modificado" in " ".join(_pages(amended.file.open("rb").read()))


def test_after_a_review_the_first_notice_reprints_byte_identical_and_an_amended_one_is_issued(spanish):
    Exclusion.objects.filter(pk=spanish.exclusion.pk).update(outcome=Outcome.PENDING_REVIEW, end_date=None)
    first = _print(spanish)
    sent = first.file.open("rb").read()
    assert "una revisión" in " ".join(_pages(sent))
    end = today_in(spanish.system) + timedelta(days=20)
    services.exclusion_complete_review(
        actor=spanish.users["administrator"],
        exclusion=_fresh(spanish.exclusion),
        outcome="suspension",
        end_date=end,
    )
    amended = Letter.objects.get(kind=LetterKind.AMENDED_NOTICE)
    assert amended.supersedes == first
    assert _es_day(end) in " ".join(" ".join(_pages(amended.file.open("rb").read())).split())
    assert _print(spanish).file.open("rb").read() == sent
