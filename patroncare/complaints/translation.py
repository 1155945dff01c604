"""What the library writes about complaints, one version per language: categories and public statements."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import Category, PublicStatement


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(PublicStatement)
class PublicStatementTranslation(TranslationOptions):
    fields = ("title", "body")


watch(Category, module=gettext_lazy("Complaint categories"), url_name="complaints:settings")
watch(PublicStatement, module=gettext_lazy("Public statements"), url_name="complaints:statements")
