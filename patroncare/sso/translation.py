from modeltranslation.translator import TranslationOptions, register

from .models import OidcProvider


@register(OidcProvider)
class OidcProviderTranslation(TranslationOptions):
    fields = ("name",)
