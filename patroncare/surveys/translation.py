"""Survey questions are written by the library: one version per language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Question, Round


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "choices")
