"""Editing a round's questions, in both languages, while the round has not opened."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from patroncare.core.access import refuse_unless
from patroncare.core.concurrency import save_if_unchanged
from patroncare.libraries.calendar import today_in

from .models import Question, QuestionKind
from .permissions import can_edit_questions


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@transaction.atomic
def question_update(
    *,
    actor,
    question: Question,
    expected_version: int,
    text_en: str,
    text_es: str,
    choices_en="",
    choices_es="",
) -> Question:
    round_ = question.round
    refuse_unless(
        can_edit_questions(actor, round_, today_in(round_.system)),
        _("The questions can be changed only by administrators, before the round opens."),
    )
    question.text_en, question.text_es = text_en.strip(), text_es.strip()
    fields = ["text"]
    if question.kind == QuestionKind.CHOICE:
        english, spanish = _lines(choices_en), _lines(choices_es)
        if len(english) < 2:
            raise ValidationError({"choices_en": _("Give at least two choices, one per line.")})
        if spanish and len(spanish) != len(english):
            raise ValidationError(
                {"choices_es": _("Give as many Spanish choices as English ones, in the same order.")}
            )
        question.choices_en, question.choices_es = "\n".join(english), "\n".join(spanish)
        fields.append("choices")
    save_if_unchanged(question, expected_version=expected_version, fields=fields)
    return question
