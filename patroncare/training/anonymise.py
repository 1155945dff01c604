"""Turning a real case narrative into a practice draft: names, card numbers, dates and places removed.

The service removes what it is told about (names, places) and what it can recognise (runs of digits such as
card and phone numbers, written dates). It is a first pass, not a guarantee: the draft cannot be published
until a trainer confirms they reviewed it.
"""

import re

from django.utils.translation import gettext as _

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
)
DATE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", re.IGNORECASE),
    re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?:{MONTHS})(?:\s+(?:de\s+)?\d{{4}})?\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:{WEEKDAYS})\b", re.IGNORECASE),
]
DIGIT_RUN = re.compile(r"\b\d[\d\s-]{3,}\d\b")  # four or more digits, maybe spaced: cards, phones


def _terms(values) -> list[str]:
    """Given names split into their parts too (so "Ana Ruiz" also removes a later "Ana"), longest first."""
    terms = set()
    for value in values:
        value = value.strip()
        if not value:
            continue
        terms.add(value)
        terms.update(part for part in value.split() if len(part) > 2)
    return sorted(terms, key=len, reverse=True)


def anonymise(text: str, *, names=(), card_numbers=(), places=()) -> str:
    result = text
    for number in card_numbers:
        number = number.strip()
        if number:
            result = result.replace(number, _("[card number]"))
    for term in _terms(places):
        result = re.sub(rf"\b{re.escape(term)}\b", _("[place]"), result, flags=re.IGNORECASE)
    for term in _terms(names):
        result = re.sub(rf"\b{re.escape(term)}\b", _("[person]"), result, flags=re.IGNORECASE)
    for pattern in DATE_PATTERNS:
        result = pattern.sub(_("[date]"), result)
    result = DIGIT_RUN.sub(_("[number]"), result)
    return result
