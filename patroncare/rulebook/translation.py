"""The library's own wording of its rules, classes, ladder and appeal texts, one version per language."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import AppealSettings, AuthorityGroup, BehaviourClass, LadderStep, Rule, RuleVersion


@register(BehaviourClass)
class BehaviourClassTranslation(TranslationOptions):
    fields = ("name", "in_sentence")


@register(Rule)
class RuleTranslation(TranslationOptions):
    fields = ("title", "text")


@register(RuleVersion)
class RuleVersionTranslation(TranslationOptions):
    fields = ("title", "text")


@register(LadderStep)
class LadderStepTranslation(TranslationOptions):
    fields = ("note",)


@register(AuthorityGroup)
class AuthorityGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(AppealSettings)
class AppealSettingsTranslation(TranslationOptions):
    fields = ("how_to_appeal",)
    # An empty version falls back to the other one, even for a field with a default text.
    fallback_undefined = {"how_to_appeal": ""}


watch(Rule, module=gettext_lazy("Rules of conduct"), url_name="conduct:rules")
watch(BehaviourClass, module=gettext_lazy("Behaviour classes"), url_name="conduct:ladder")
watch(LadderStep, module=gettext_lazy("Consequence ladder"), url_name="conduct:ladder")
watch(AuthorityGroup, module=gettext_lazy("Authority groups"), url_name="conduct:authority")
watch(AppealSettings, module=gettext_lazy("Appeal texts"), url_name="conduct:appeal_settings")
