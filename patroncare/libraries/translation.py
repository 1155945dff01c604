"""Branch and location names, holidays and closures, one version per language: "Children's area" is
"Área infantil" on a Spanish page. A branch's name is usually a proper name and has one version only; a
Spanish one is written where the library uses a different name."""

from django.utils.translation import gettext_lazy
from modeltranslation.translator import TranslationOptions, register

from patroncare.core.languages import watch

from .models import Branch, Closure, Holiday, Location


@register(Branch)
class BranchTranslation(TranslationOptions):
    fields = ("name",)


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name",)


@register(Holiday)
class HolidayTranslation(TranslationOptions):
    fields = ("name",)


@register(Closure)
class ClosureTranslation(TranslationOptions):
    fields = ("reason",)


# A branch named after a place keeps that name in Spanish: only locations are listed as still to translate.
watch(
    Location,
    module=gettext_lazy("Locations"),
    url_name="libraries:branch_list",
    system_field="branch__system",
)
watch(Holiday, module=gettext_lazy("Holidays"), url_name="libraries:holidays")
watch(
    Closure,
    module=gettext_lazy("Branch closures"),
    url_name="libraries:branch_list",
    system_field="branch__system",
)
