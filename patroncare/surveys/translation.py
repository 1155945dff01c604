"""Survey questions and walk-through checklists are written by the library: one version per language."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import CheckPoint, Question, Round


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "choices")


@register(CheckPoint)
class CheckPointTranslation(TranslationOptions):
    fields = ("text",)


watch(CheckPoint, module=gettext_lazy("Walk-through checklists"), url_name="surveys:walk_checklists")
