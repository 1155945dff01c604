"""Community resources for the referrals directory, from the list a library kept in a spreadsheet.

Each row is added by `referrals.services.resource_create` (the same checks as the directory's form), in the
language the file is written in; its needs are matched to the directory's categories. The date it was last
checked with the organisation, when the file has one, starts its verification cycle."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from patroncare.core.languages import main_language
from patroncare.referrals.models import Category, Resource
from patroncare.referrals.services import categories_install_standard, resource_create

from .common import Importer, refuse_built_on, split_values

LABELS = {
    "organisation": gettext_lazy("Organisation"),
    "name": gettext_lazy("Service"),
    "description": gettext_lazy("What they offer"),
    "categories": gettext_lazy("Needs"),
    "address": gettext_lazy("Address"),
    "area_served": gettext_lazy("Area served"),
    "phone": gettext_lazy("Phone"),
    "text_line": gettext_lazy("Text line"),
    "website": gettext_lazy("Web page"),
    "languages": gettext_lazy("Languages"),
    "hours_note": gettext_lazy("Hours"),
    "eligibility": gettext_lazy("Who can use it"),
    "cost": gettext_lazy("Cost"),
    "last_verified_on": gettext_lazy("Last verified on"),
}
TEXT_FIELDS = ("description", "address", "area_served", "phone", "text_line", "eligibility", "cost")
# Spreadsheets name languages in words; the directory keeps codes.
LANGUAGE_NAMES = {
    "english": "en", "inglés": "en", "ingles": "en", "spanish": "es", "español": "es", "espanol": "es",
    "vietnamese": "vi", "chinese": "zh", "mandarin": "zh", "cantonese": "yue", "french": "fr",
    "haitian creole": "ht", "arabic": "ar", "russian": "ru", "korean": "ko", "tagalog": "tl",
    "portuguese": "pt", "somali": "so", "asl": "ase", "american sign language": "ase",
}  # fmt: skip


def choices(system) -> dict:
    categories_install_standard(system=system)
    return {"categories": {c.slug: c.name for c in Category.objects.filter(system=system)}}


def _languages(row) -> str:
    codes = []
    for word in split_values(row.cell("languages").replace("/", ",")):
        code = LANGUAGE_NAMES.get(word.lower(), word.lower())
        if code not in codes:
            codes.append(code)
    return ",".join(codes) or "en"


def _website(row) -> str:
    text = row.cell("website")
    if text and "://" not in text:
        text = f"https://{text}"
    return text


def make(*, actor, row) -> tuple[int, bool]:
    organisation = row.need("organisation", _("The row names no organisation."))
    verified_on = row.day("last_verified_on", required=False)
    slugs = [row.matched("categories", text) for text in split_values(row.cell("categories"))]
    categories = list(Category.objects.filter(system=row.system, slug__in=[s for s in slugs if s]))
    if not categories:
        row.errors["categories"] = _("Match the row's needs to at least one category of the directory.")
    row.check()
    fields = {name: row.cell(name) for name in TEXT_FIELDS}
    with translation.override(row.default("language") or main_language()):
        resource = resource_create(
            actor=actor,
            system=row.system,
            categories=categories,
            verified_on=verified_on,
            organisation=organisation[:200],
            name=(row.cell("name") or organisation)[:200],
            website=_website(row),
            languages=_languages(row),
            hours_note=row.cell("hours_note")[:200],
            **fields,
        )
    return resource.pk, False


def undo(*, system, ids) -> None:
    resources = Resource.objects.filter(pk__in=ids, system=system)
    refuse_built_on(
        resources.filter(version__gt=1).exists() or resources.filter(referrals__isnull=False).exists()
    )
    resources.delete()


IMPORTER = Importer(
    fields=tuple(LABELS),
    required=("organisation", "categories"),
    labels=LABELS,
    choices=choices,
    make=make,
    undo=undo,
    multiple=frozenset({"categories"}),
    defaults=("language",),
)
