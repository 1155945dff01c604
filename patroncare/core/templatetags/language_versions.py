"""Show what the library wrote in the reader's language, and mark a fallback with its own `lang`.

    {% load language_versions %}
    {{ rule|versioned:"title" }}                     -> "Ruido" or <span lang="en">Noise</span>
    <div class="prose"{% lang_of policy "body" %}>   -> "" or ` lang="en"` on an element holding the text

A screen reader then reads an English title on a Spanish page with English pronunciation (WCAG 3.1.2).
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from patroncare.core.languages import shown_version

register = template.Library()


def _reader_language() -> str:
    return (get_language() or "en")[:2]


@register.filter
def versioned(record, field: str):
    """The text of `field` for the reader, wrapped in a span carrying its language when it is a fallback."""
    if record is None:
        return ""
    text, language = shown_version(record, field)
    if language != _reader_language():
        return format_html('<span lang="{}">{}</span>', language, text)
    return text


@register.simple_tag
def lang_of(record, field: str):
    """` lang="xx"` when `field` is shown in another language than the page's, else nothing."""
    if record is None:
        return ""
    text, language = shown_version(record, field)
    if text and language != _reader_language():
        return format_html(' lang="{}"', language)
    return ""
