"""What a phrase card says in the staff's languages, one version per language (django-modeltranslation).

Playbooks keep one row per language (`PlaybookText`), each with its own revision history; the phrase said to
the patron is in the patron's language (`PhraseTranslation`), which is not a staff language."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import Phrase


@register(Phrase)
class PhraseMeaningTranslation(TranslationOptions):
    fields = ("meaning",)


watch(Phrase, module=gettext_lazy("Phrase cards"), url_name="guidance:phrases_manage")
