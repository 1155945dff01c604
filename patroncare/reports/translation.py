from modeltranslation.translator import TranslationOptions, register

from .models import BoardReport


@register(BoardReport)
class BoardReportTranslation(TranslationOptions):
    fields = ("highlights", "changes", "public_summary")
