"""A policy's title, text and alternatives in each language; a published version keeps them as published."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import Policy, PolicyVersion


@register(Policy)
class PolicyTranslation(TranslationOptions):
    fields = ("title", "body", "alternatives")


@register(PolicyVersion)
class PolicyVersionTranslation(TranslationOptions):
    fields = ("title", "body")


watch(Policy, module=gettext_lazy("Policies"), url_name="policies:list")
