"""What the library writes, in each of its languages (django-modeltranslation).

A registered field `title` has one column per language (`title_en`, `title_es`, ... from settings.LANGUAGES);
`title` itself reads the reader's language and falls back to the other versions. Services write the versions
by name: the plain name means the main language (MODELTRANSLATION_DEFAULT_LANGUAGE), `title_es` the Spanish.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.functional import Promise
from modeltranslation.translator import NotRegistered, translator


def main_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@contextmanager
def writing_main_language() -> Iterator[None]:
    """Within it, `record.title = ...` and `Model(title=...)` write the main language's version, whatever the
    language of the page that asked: the plain name keeps one meaning in services."""
    with translation.override(main_language()):
        yield


def translated_fields(model) -> tuple[str, ...]:
    """The names of `model`'s fields that have one version per language."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def localized_names(model, names) -> list[str]:
    """`names` with each translated field replaced by its base column and every language's column."""
    translated = set(translated_fields(model))
    expanded: list[str] = []
    for name in names:
        if name in translated:
            expanded += [name, *(f"{name}_{code}" for code in language_codes())]
        else:
            expanded.append(name)
    return list(dict.fromkeys(expanded))


def version_in(record, field: str, language: str) -> str:
    """The version of `field` written in `language`, or "" (no fallback)."""
    return getattr(record, f"{field}_{language[:2]}", None) or ""


def shown_version(record, field: str, language: str | None = None) -> tuple[str, str]:
    """(text, language it is written in) for a reader of `language`: their own version when there is one,
    otherwise the first other version in the order of settings.LANGUAGES, the main language first."""
    return _first_version(lambda code: version_in(record, field, code), language)


def version_columns(path: str) -> list[str]:
    """A translated field, possibly across relations ("category__name"), as one column per language, for
    `values()`: a values() row of the plain name holds the reader's version only, with no fallback."""
    return [f"{path}_{code}" for code in language_codes()]


def shown_in_row(row: dict, path: str, language: str | None = None) -> tuple[str, str]:
    """`shown_version` for a `values(*version_columns(path))` row."""
    return _first_version(lambda code: row.get(f"{path}_{code}") or "", language)


def _first_version(version_of, language: str | None) -> tuple[str, str]:
    language = (language or translation.get_language() or main_language())[:2]
    order = [language, main_language(), *language_codes()]
    for code in dict.fromkeys(order):
        text = version_of(code)
        if text:
            return text, code
    return "", language


def lacks_version(record, field: str, language: str) -> bool:
    return bool(version_in(record, field, main_language())) and not version_in(record, field, language)


@dataclass(frozen=True)
class WrittenText:
    """A model whose translated fields an administrator keeps in every language, shown on their desk."""

    model: type
    module: str | Promise  # what the administrator calls that part of PatronCare ("Policies")
    url_name: str  # the page where they are edited
    system_field: str = "system"


_watched: list[WrittenText] = []


def watch(model, *, module, url_name: str, system_field: str = "system") -> None:
    """List `model`'s records lacking a version on the administrator's desk (called in translation.py)."""
    if not any(text.model is model for text in _watched):
        _watched.append(WrittenText(model, module, url_name, system_field))


def _lacking(field: str, language: str) -> Q:
    main = f"{field}_{main_language()}"
    other = f"{field}_{language}"
    return (Q(**{f"{main}__isnull": False}) & ~Q(**{main: ""})) & (
        Q(**{f"{other}__isnull": True}) | Q(**{other: ""})
    )


def missing_versions(*, system_id: int, language: str) -> list[tuple[WrittenText, int]]:
    """(module, number of records with at least one text written in the main language only), per watched
    model with any; one query per model, whatever the number of records."""
    found = []
    for text in _watched:
        condition = Q()
        for field in translated_fields(text.model):
            condition |= _lacking(field, language)
        manager = text.model._default_manager
        queryset = manager.rewrite(False) if hasattr(manager, "rewrite") else manager.all()
        count = queryset.filter(condition, **{f"{text.system_field}_id": system_id}).count()
        if count:
            found.append((text, count))
    return found
