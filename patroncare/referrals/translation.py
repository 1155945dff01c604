"""What the library writes in its directory, one version per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, ReferralSettings, Resource


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("name", "description", "hours_note", "eligibility", "cost", "getting_there", "accessibility")


@register(ReferralSettings)
class ReferralSettingsTranslation(TranslationOptions):
    fields = ("crisis_line_name",)
